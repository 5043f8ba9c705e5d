package io.pushtrain.train;

/** Where a release branch is in its week. */
public enum TrainState {
    /** Cut from trunk, being tested before the weekly release push. */
    CUT,
    /** Shipped by the weekly release push; cherry-pick pushes ship onto it. */
    SHIPPED,
    /** A newer train was cut; this one takes no more picks. */
    CLOSED
}
