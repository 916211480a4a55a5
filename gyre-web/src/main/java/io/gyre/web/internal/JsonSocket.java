package io.gyre.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.server.WebSocketMessage;
import io.gyre.server.WebSocketSession;
import io.gyre.web.InvalidMessageException;
import io.gyre.web.JsonWebSocket;
import java.io.IOException;
import java.util.stream.Collectors;

/** {@link JsonWebSocket} over a session and the app's mapper. Thread-safety: as the session. */
final class JsonSocket implements JsonWebSocket {
    private final WebSocketSession session;
    private final ObjectMapper mapper;

    JsonSocket(WebSocketSession session, ObjectMapper mapper) {
        this.session = session;
        this.mapper = mapper;
    }

    @Override
    public <T> T receive(Class<T> type) {
        return read(mapper.constructType(type));
    }

    @Override
    public <T> T receive(TypeReference<T> type) {
        return read(mapper.constructType(type));
    }

    private <T> T read(JavaType type) {
        WebSocketMessage message = session.receive();
        try {
            return switch (message) {
                case WebSocketMessage.Text text -> mapper.readerFor(type).readValue(text.text());
                case WebSocketMessage.Binary binary -> mapper.readerFor(type).readValue(binary.data());
            };
        } catch (IOException e) {
            throw new InvalidMessageException(describe(e, type), e);
        }
    }

    /** Short enough to be a close reason, precise enough to fix the client. */
    private static String describe(IOException e, JavaType type) {
        String what = e instanceof JsonMappingException ? "not a " + type.getRawClass().getSimpleName() : "not JSON";
        String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        String at = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? " at " + m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()))
                .collect(Collectors.joining(".")) : "";
        return "message is " + what + at + ": " + String.valueOf(detail).lines().findFirst().orElse("");
    }

    @Override
    public void send(Object value) {
        String json;
        try {
            json = mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JsonWebSocket.send: the app's ObjectMapper cannot write a "
                    + value.getClass().getName() + " (" + e.getOriginalMessage() + "); send a record, a Map, a List, a"
                    + " String or a number, or register a serializer for it", e);
        }
        session.send(json);
    }

    @Override
    public WebSocketSession session() {
        return session;
    }

    @Override
    public String toString() {
        return "JsonWebSocket[" + session + "]";
    }
}
