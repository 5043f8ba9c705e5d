package io.pushtrain.flags;

import io.pushtrain.gatekeeper.client.Flag;

/**
 * A flag was created, changed, reverted or deleted; published inside the change's transaction.
 *
 * @param name the flag
 * @param flag the flag as it is now, {@code null} when deleted
 * @param version the version the change made
 * @param by who changed it
 * @param reason why, as they said it
 */
public record FlagChanged(String name, Flag flag, long version, String by, String reason) {

    public boolean deleted() {
        return flag == null;
    }
}
