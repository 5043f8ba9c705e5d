package io.pushtrain.distribution;

/**
 * What a host reports about itself.
 *
 * @param version the artifact id it runs or is working on (may be null before the first build)
 * @param state what it is doing
 * @param progress 0 to 100, of the download for example
 * @param detail a sentence for people, the reason of a failure for example (may be null)
 * @param health what its health check said about {@code version} after switching to it (null: no check ran)
 */
public record HostReport(String version, HostState state, int progress, String detail, HostHealth health) {

    /** A report without a health check. */
    public HostReport(String version, HostState state, int progress, String detail) {
        this(version, state, progress, detail, null);
    }
}
