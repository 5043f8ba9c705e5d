package io.pushtrain.gatekeeper.client;

/** The root of what Gatekeeper refuses; the message tells a person what to change. */
public class FlagException extends RuntimeException {

    public FlagException(String message) {
        super(message);
    }

    public FlagException(String message, Throwable cause) {
        super(message, cause);
    }
}
