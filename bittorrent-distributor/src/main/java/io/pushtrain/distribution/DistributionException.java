package io.pushtrain.distribution;

/** The root of what the distribution module refuses; the message tells a person what to do instead. */
public class DistributionException extends RuntimeException {

    public DistributionException(String message) {
        super(message);
    }

    public DistributionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The request itself is malformed: a missing name, an unknown tier, a file that is not there. */
    public static class Invalid extends DistributionException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The caller may not act as this host: another host's token, or a retired host. */
    public static class Forbidden extends DistributionException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** No artifact, host or rollout by that name or id. */
    public static class NotFound extends DistributionException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The request contradicts what is stored: another file under a published id, a second rollout at once. */
    public static class Conflict extends DistributionException {
        public Conflict(String message) {
            super(message);
        }
    }
}
