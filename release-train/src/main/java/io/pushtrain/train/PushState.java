package io.pushtrain.train;

/** A push runs until it is done or has failed. */
public enum PushState {
    RUNNING, DONE, FAILED
}
