package io.pushtrain.train;

/** Published when a push ended, with what became of its picks. */
public record PushFinished(long push, PushState state, int shipped, int deferred, int conflicted, int failed,
        String detail) {
}
