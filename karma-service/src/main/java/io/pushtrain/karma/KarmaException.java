package io.pushtrain.karma;

/** The root of what the karma module refuses; the message tells a person what to do instead. */
public class KarmaException extends RuntimeException {

    public KarmaException(String message) {
        super(message);
    }

    /** The request itself is malformed: a missing reason, a negative count, an unusable id. */
    public static class Invalid extends KarmaException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** Someone tried to change their own karma, which nobody may do. */
    public static class OwnKarma extends KarmaException {
        public OwnKarma(String message) {
            super(message);
        }
    }
}
