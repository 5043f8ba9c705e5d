package io.pushtrain.distribution;

import java.time.Instant;

/**
 * A host as it registered and last reported.
 *
 * @param health what its health check said about {@code version}, or null when none ran
 */
public record HostView(String name, String rack, String tier, String address, String version, HostState state,
        int progress, String detail, Instant lastSeenAt, HostHealth health) {

    /** A host that reported no health check. */
    public HostView(String name, String rack, String tier, String address, String version, HostState state,
            int progress, String detail, Instant lastSeenAt) {
        this(name, rack, tier, address, version, state, progress, detail, lastSeenAt, null);
    }
}
