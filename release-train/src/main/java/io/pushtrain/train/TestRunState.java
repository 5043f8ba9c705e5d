package io.pushtrain.train;

/** A test shard's run: waiting for a node, running on one, or finished. */
public enum TestRunState {
    PENDING, RUNNING, PASSED, FAILED;

    public boolean isFinished() {
        return this == PASSED || this == FAILED;
    }
}
