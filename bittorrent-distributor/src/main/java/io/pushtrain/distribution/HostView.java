package io.pushtrain.distribution;

import java.time.Instant;

/** A host as it registered and last reported. */
public record HostView(String name, String rack, String tier, String address, String version, HostState state,
        int progress, String detail, Instant lastSeenAt) {
}
