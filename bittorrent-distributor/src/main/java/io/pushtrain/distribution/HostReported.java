package io.pushtrain.distribution;

/** Published after a host reported; the dashboard shows the fleet live. */
public record HostReported(String name, String tier, String rack, String version, HostState state) {
}
