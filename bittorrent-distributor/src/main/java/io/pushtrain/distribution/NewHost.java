package io.pushtrain.distribution;

/**
 * A host registering itself (again): registering is an upsert by name.
 *
 * @param name unique host name
 * @param rack its rack
 * @param tier one of {@code pushtrain.distribution.tiers}
 * @param address the IP its torrent client announces from, so the tracker knows its rack (may be null)
 */
public record NewHost(String name, String rack, String tier, String address) {
}
