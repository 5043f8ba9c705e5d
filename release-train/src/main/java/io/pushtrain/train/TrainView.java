package io.pushtrain.train;

import java.time.Instant;

/**
 * A release train as the API and front-ends see it.
 *
 * @param freeze why and since when no push starts on it; null when it is not frozen
 */
public record TrainView(long id, String branch, String cutCommit, Instant cutAt, String cutBy, TrainState state,
        Freeze freeze) {

    /** Who froze a train, when, and why: what every refused push quotes. */
    public record Freeze(String reason, String by, Instant at) {
    }

    public boolean frozen() {
        return freeze != null;
    }
}
