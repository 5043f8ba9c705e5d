package io.pushtrain.train;

/** A push runs until it is done, has failed, or was cancelled; one that is not done ships no pick. */
public enum PushState {
    RUNNING, DONE, FAILED, CANCELLED;

    /** Ended without shipping: its picks went back to the queue. */
    public boolean handsPicksBack() {
        return this == FAILED || this == CANCELLED;
    }
}
