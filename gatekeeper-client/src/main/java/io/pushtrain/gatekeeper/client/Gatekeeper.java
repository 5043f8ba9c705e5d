package io.pushtrain.gatekeeper.client;

/**
 * What an application asks Gatekeeper, answered locally from the last snapshot; never throws, and an
 * unknown or broken flag answers its default.
 */
public interface Gatekeeper {

    /** The full answer: variant, value, enabled and the reason. */
    Evaluation evaluate(String flag, FlagUser user);

    /** Whether a boolean flag is on for this user; {@code false} for an unknown flag. */
    default boolean isEnabled(String flag, FlagUser user) {
        return evaluate(flag, user).enabled();
    }

    /** The variant's value, or {@code fallback} when the flag is unknown or its value is not a {@code type}. */
    default <T> T value(String flag, FlagUser user, Class<T> type, T fallback) {
        Object value = evaluate(flag, user).value();
        return type.isInstance(value) ? type.cast(value) : fallback;
    }

    /** Runs {@code listener} after each change of the flags (its exceptions are dropped, not thrown here). */
    void onChange(Runnable listener);
}
