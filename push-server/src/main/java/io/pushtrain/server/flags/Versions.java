package io.pushtrain.server.flags;

/** A flag's version as an HTTP entity tag, and the version an edit is based on. */
final class Versions {

    private Versions() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** {@code If-Match} wins over the body's {@code version}; neither means "whatever is there". */
    static Long expected(String ifMatch, Long bodyVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return bodyVersion;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        }
        catch (NumberFormatException notAVersion) {
            throw new IllegalArgumentException("If-Match must be a flag version such as \"3\" (its ETag), not " + ifMatch + ".");
        }
    }
}
