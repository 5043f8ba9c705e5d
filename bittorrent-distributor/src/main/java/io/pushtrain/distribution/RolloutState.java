package io.pushtrain.distribution;

import java.util.Set;

/** Where a rollout stands; the transitions live here. */
public enum RolloutState {
    RUNNING, PAUSED, DONE, ROLLED_BACK;

    /** Whether a rollout in this state may move to {@code next}. */
    public boolean canMoveTo(RolloutState next) {
        return switch (this) {
            case RUNNING -> Set.of(PAUSED, DONE, ROLLED_BACK).contains(next);
            case PAUSED -> Set.of(RUNNING, ROLLED_BACK).contains(next);
            case DONE -> next == ROLLED_BACK;
            case ROLLED_BACK -> false;
        };
    }

    /** Running or paused: the one rollout under way. */
    public boolean active() {
        return this == RUNNING || this == PAUSED;
    }
}
