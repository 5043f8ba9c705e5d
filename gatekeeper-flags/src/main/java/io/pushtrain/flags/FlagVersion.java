package io.pushtrain.flags;

import java.time.Instant;

import io.pushtrain.gatekeeper.client.Flag;

/**
 * One change in a flag's history.
 *
 * @param version the version number, from 1, never reused
 * @param flag the whole flag after the change, {@code null} when the change deleted it
 * @param by who made the change
 * @param at when
 * @param reason why, as they said it
 */
public record FlagVersion(long version, Flag flag, String by, Instant at, String reason) {

    public boolean deleted() {
        return flag == null;
    }
}
