package io.pushtrain.agent;

/** What a host reports about itself, the server's words: {@code PUT /api/hosts/{name}/state}. */
public enum HostState {
    /** The tier has no desired build; {@code version} says what is in {@code current}, if anything. */
    IDLE,
    /** Fetching the desired build over BitTorrent; {@code progress} is the percent of pieces present. */
    DOWNLOADING,
    /** The download is complete; checking its SHA-256 against the server's and unpacking it. */
    VERIFYING,
    /** {@code current} is the desired build (and the host seeds it to its rack). */
    RUNNING,
    /** Something needs a person: a hash mismatch, a failed post-switch command, a download error. */
    FAILED
}
