package io.pushtrain.train;

/** The root of what the release train refuses; the message tells a person what to do. */
public class TrainException extends RuntimeException {

    public TrainException(String message) {
        super(message);
    }

    public TrainException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Something named in a request does not exist. */
    public static class NotFound extends TrainException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The request is well formed but contradicts what is already there. */
    public static class Conflict extends TrainException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The person asking may not do this. */
    public static class Forbidden extends TrainException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** The request itself is malformed. */
    public static class BadRequest extends TrainException {
        public BadRequest(String message) {
            super(message);
        }
    }
}
