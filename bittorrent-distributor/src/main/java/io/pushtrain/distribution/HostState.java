package io.pushtrain.distribution;

/** What a host says it is doing. */
public enum HostState {
    /** Registered, nothing to do or waiting for a build. */
    IDLE,
    /** Fetching the desired build over BitTorrent. */
    DOWNLOADING,
    /** Checking the SHA-256 of what it fetched. */
    VERIFYING,
    /** Running the build named by its version. */
    RUNNING,
    /** The last attempt failed; detail says why. */
    FAILED,
    /**
     * Not reported for {@code pushtrain.distribution.host-lost-after}: the server says this, a host
     * never does. A LOST host does not hold up a rollout; the rollout names it as skipped.
     */
    LOST
}
