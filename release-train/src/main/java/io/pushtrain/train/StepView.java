package io.pushtrain.train;

import java.time.Instant;

/** One step of a push: its name, state, when it ran, and what it says about itself. */
public record StepView(String name, StepState state, Instant startedAt, Instant endedAt, int progress,
        String detail) {
}
