package io.pushtrain.gatekeeper.client;

import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Flags as JSON, the one format of the REST API, the stream, the server's history and the SDK's saved snapshot. */
public final class FlagJson {

    private static final JsonMapper json = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private FlagJson() {
    }

    public static String write(Object value) {
        return json.writeValueAsString(value);
    }

    public static Flag readFlag(String text) {
        return json.readValue(text, Flag.class);
    }

    public static List<Flag> readFlags(String text) {
        return json.readValue(text, new TypeReference<List<Flag>>() { });
    }

    static <T> T read(String text, Class<T> type) {
        return json.readValue(text, type);
    }
}
