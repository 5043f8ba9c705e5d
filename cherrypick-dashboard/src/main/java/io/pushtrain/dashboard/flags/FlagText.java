package io.pushtrain.dashboard.flags;

import java.util.List;
import java.util.Map;

import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagJson;
import io.pushtrain.gatekeeper.client.InvalidFlag;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The JSON a person edits in the console: a flag's body without its name and version, and a user's attributes. */
final class FlagText {

    private static final JsonMapper json = JsonMapper.builder().build();

    /** What a new flag starts as: a boolean flag, off, with no rules. */
    static final String NEW_FLAG = """
            {
              "description" : "",
              "team" : "",
              "enabled" : false,
              "variants" : { "on" : true, "off" : false },
              "defaultVariant" : "off",
              "rules" : [ ]
            }""";

    private FlagText() {
    }

    /** The flag as the editor shows it: indented, without the name and version the page already holds. */
    static String body(Flag flag) {
        String compact = FlagJson.write(flag.withName(null).withVersion(null));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(compact));
    }

    /**
     * The editor's text as a flag; text that is not a JSON object is refused like any other invalid flag.
     * A body without {@code enabled} keeps the state it had: the kill switch has its own button.
     */
    static Flag flag(String name, String text, boolean enabledWhenMissing) {
        try {
            if (!(json.readTree(text) instanceof ObjectNode body)) {
                throw new InvalidFlag(name, List.of("the body is not a JSON object; write the flag as {...}"));
            }
            if (!body.has("enabled")) {
                body.put("enabled", enabledWhenMissing);
            }
            return FlagJson.readFlag(body.toString()).withName(name);
        }
        catch (JacksonException ex) {
            throw new InvalidFlag(name, List.of("the body is not a JSON flag: " + ex.getOriginalMessage()));
        }
    }

    /** A user's attributes from a JSON object such as {@code {"country": "NZ", "groups": ["employees"]}}. */
    static Map<String, Object> attributes(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() { });
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("The attributes are not a JSON object: " + ex.getOriginalMessage());
        }
    }
}
