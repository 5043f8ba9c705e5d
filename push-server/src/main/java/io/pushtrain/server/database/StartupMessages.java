package io.pushtrain.server.database;

final class StartupMessages {

    private StartupMessages() {
    }

    /** The innermost message, on one line: that is usually the one that names the problem. */
    static String shortCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
