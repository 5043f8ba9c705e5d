package io.pushtrain.perf;

/** The root of what Perflab refuses; the message tells a person what to fix. */
public class PerfException extends RuntimeException {

    public PerfException(String message) {
        super(message);
    }

    public PerfException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Benchmark output or a test report that cannot be read; the message names the line. */
    public static class Malformed extends PerfException {
        public Malformed(String message) {
            super(message);
        }

        public Malformed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The benchmark command failed, timed out or printed nothing to compare. */
    public static class RunFailed extends PerfException {
        public RunFailed(String message) {
            super(message);
        }

        public RunFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
