package io.pushtrain.server.web;

import java.util.Map;

/**
 * The longest text the API takes in each field of a request body, query or path; a longer one is
 * refused with 400 before it reaches the train, the database or git. docs/operations.md lists
 * the same table: keep the two together.
 */
final class TextLimits {

    /** Any text field not named below (flag variants, attribute values, ...). */
    static final int OTHER = 2_000;

    /** What a refusal echoes of the input, at most: enough to recognise it, never the whole of it. */
    static final int ECHO = 64;

    private static final Map<String, Integer> MAX = Map.ofEntries(
            Map.entry("name", 64), Map.entry("user", 64), Map.entry("ircAccount", 64),
            Map.entry("rack", 64), Map.entry("tier", 64), Map.entry("team", 64),
            Map.entry("source", 32), Map.entry("review", 64), Map.entry("action", 16), Map.entry("by", 32),
            Map.entry("label", 100),
            Map.entry("commit", 256), Map.entry("from", 256), Map.entry("rev", 256),
            Map.entry("artifact", 128), Map.entry("version", 128), Map.entry("state", 32),
            Map.entry("address", 64), Map.entry("url", 500), Map.entry("password", 1_024),
            Map.entry("reason", 2_000), Map.entry("description", 2_000), Map.entry("detail", 2_000));

    private TextLimits() {
    }

    static int maxOf(String field) {
        return field == null ? OTHER : MAX.getOrDefault(field, OTHER);
    }

    /** Why {@code text} cannot be taken in {@code field}, or null when it can. */
    static String refusal(String field, String text) {
        String what = field == null ? "a text value" : field;
        int max = maxOf(field);
        if (text.length() > max) {
            return what + " is " + text.length() + " characters; at most " + max + " are taken";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return what + " contains a NUL character (\\u0000), which no field takes";
            }
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return what + " contains an unpaired surrogate (\\u" + Integer.toHexString(c)
                        + "), which is not text: send UTF-8";
            }
        }
        return null;
    }

    /** The start of an input, to name it in a refusal without echoing all of it. */
    static String echo(String text) {
        return text == null || text.length() <= ECHO ? text : text.substring(0, ECHO) + "…";
    }
}
