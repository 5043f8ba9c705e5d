package io.pushtrain.server;

import java.net.ConnectException;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why the server did not start, in one line: what is wrong and how to fix it.
 */
public record StartupFailure(String whatIsWrong, String howToFix) {

    private static final Logger log = LoggerFactory.getLogger(StartupFailure.class);

    public String line() {
        return "pushtrain cannot start: " + whatIsWrong + ". Fix: " + howToFix;
    }

    /** Finds the cause an operator can act on; the whole chain goes to the debug log. */
    public static StartupFailure explain(Throwable failure) {
        log.debug("Start-up failed", failure);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartupProblem problem) {
                return problem.failure();
            }
            if (cause.getClass().getSimpleName().equals("PortInUseException")) {
                return new StartupFailure(oneLine(cause.getMessage()),
                        "stop the process that uses it, or choose another port with --server.port=<port>");
            }
        }
        Throwable database = databaseCause(failure);
        if (database != null) {
            return new StartupFailure("the database is unreachable (" + oneLine(database.getMessage()) + ")",
                    "start PostgreSQL or correct spring.datasource.url, or remove spring.datasource.url"
                            + " to use the embedded database");
        }
        Throwable root = rootCause(failure);
        return new StartupFailure(oneLine(root.getClass().getSimpleName() + ": " + root.getMessage()),
                "run again with --debug to see the full report");
    }

    private static Throwable databaseCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return cause;
            }
            if (cause instanceof ConnectException) {
                return cause;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static String oneLine(String text) {
        if (text == null) {
            return "no message";
        }
        String flat = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return flat.endsWith(".") ? flat.substring(0, flat.length() - 1) : flat;
    }
}
