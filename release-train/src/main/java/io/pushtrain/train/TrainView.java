package io.pushtrain.train;

import java.time.Instant;

/** A release train as the API and front-ends see it. */
public record TrainView(long id, String branch, String cutCommit, Instant cutAt, String cutBy, TrainState state) {
}
