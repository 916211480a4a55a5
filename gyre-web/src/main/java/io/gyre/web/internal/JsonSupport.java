package io.gyre.web.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The default JSON mapper: java.time as ISO text, Optional as value-or-null, unknown fields ignored,
 * and integer fields that refuse a number with a fractional part instead of truncating it (as
 * pydantic does; see {@link WholeNumbers}).
 *
 * <p>Its read/write buffers come from a bounded pool shared by all threads. Jackson's default
 * pool is per thread, which suits a fixed thread pool but not a virtual thread per request: each
 * request's new thread would allocate fresh 8 KB byte and char buffers (about 20 KB of garbage
 * per JSON response, measured with {@code bench/alloc.sh}).
 */
public final class JsonSupport {
    /** Buffer sets kept for reuse: enough for the requests that serialize at the same moment. */
    static final int POOLED_BUFFERS = 64;

    private JsonSupport() {
    }

    /** Creates the default mapper. */
    public static ObjectMapper defaultMapper() {
        JsonFactory factory = JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.newBoundedPool(POOLED_BUFFERS))
                .build();
        return JsonMapper.builder(factory)
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(WholeNumbers.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS) // an ordinal is not one of the listed values
                .build();
    }
}
