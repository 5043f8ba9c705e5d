package io.pushtrain.train;

/**
 * The root of what the release train refuses; the message tells a person what to do, in the
 * train's words, wherever they read it (the dashboard, IRC, the API).
 */
public class TrainException extends RuntimeException {

    public TrainException(String message) {
        super(message);
    }

    public TrainException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A pick, push, train, person or revision named does not exist. */
    public static class Unknown extends TrainException {
        public Unknown(String message) {
            super(message);
        }
    }

    /** Well formed, but what the train is doing now refuses it: a push running, a pick already decided. */
    public static class Refused extends TrainException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Refused because another push or train holds the place this request wanted: two nodes asked
     * at once, or a person asked twice. Names the one that won, so a caller can follow it.
     */
    public static class Busy extends Refused {
        private final String holder;
        private final long id;

        /** {@code holder} is "push" or "train", {@code id} the id of the push or train that holds it. */
        public Busy(String message, String holder, long id) {
            super(message);
            this.holder = holder;
            this.id = id;
        }

        public String holder() {
            return holder;
        }

        public long id() {
            return id;
        }
    }

    /** The person asking may not do this. */
    public static class NotAllowed extends TrainException {
        public NotAllowed(String message) {
            super(message);
        }
    }

    /** What was asked does not add up: a missing reason, a merge without its mainline. */
    public static class Invalid extends TrainException {
        public Invalid(String message) {
            super(message);
        }
    }

    /**
     * Something the train needs does not answer now (the trunk remote): a push retries the step
     * after a backoff instead of failing.
     */
    public static class Unavailable extends TrainException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
