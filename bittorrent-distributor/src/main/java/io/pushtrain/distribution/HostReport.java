package io.pushtrain.distribution;

/**
 * What a host reports about itself.
 *
 * @param version the artifact id it runs or is working on (may be null before the first build)
 * @param state what it is doing
 * @param progress 0 to 100, of the download for example
 * @param detail a sentence for people, the reason of a failure for example (may be null)
 */
public record HostReport(String version, HostState state, int progress, String detail) {
}
