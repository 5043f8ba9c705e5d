package io.pushtrain.train;

import java.time.Duration;
import java.time.Instant;

/** One push in the history: when, how long, and how many of its picks merged, waited, conflicted or failed. */
public record PushSummary(long id, long train, String branch, PushKind kind, PushState state, String requestedBy,
        Instant createdAt, Instant endedAt, int picks, int merged, int deferred, int conflicted, int failed) {

    /** How long the push ran; null while it runs. */
    public Duration duration() {
        return endedAt == null ? null : Duration.between(createdAt, endedAt);
    }
}
