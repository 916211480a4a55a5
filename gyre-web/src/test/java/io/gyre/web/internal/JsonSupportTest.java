package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSupportTest {
    record Message(String message) {
    }

    @Test
    void buffersUsedByOneVirtualThreadAreReusedByTheNext() throws Exception {
        ObjectMapper mapper = JsonSupport.defaultMapper();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    assertThat(new String(mapper.writeValueAsBytes(new Message("hi"))))
                            .isEqualTo("{\"message\":\"hi\"}");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        RecyclerPool<?> pool = mapper.getFactory()._getRecyclerPool();
        assertThat(pool).isInstanceOf(RecyclerPool.BoundedPoolBase.class);
        int pooled = ((RecyclerPool.BoundedPoolBase<?>) pool).pooledCount();
        assertThat(pooled).isBetween(1, JsonSupport.POOLED_BUFFERS);
    }
}
