package io.pushtrain.dashboard.queue;

import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;

/** One open request in the queue, with its requester's stars; public because the templates read it by reflection. */
public record QueueRow(PickView pick, int stars) {

    public String shortCommit() {
        return pick.commit().substring(0, Math.min(10, pick.commit().length()));
    }

    public boolean risky() {
        return !"LOW".equals(pick.risk());
    }

    public boolean decidable() {
        return pick.state() == PickState.REQUESTED;
    }

    /** Rejecting is possible until a push took the pick. */
    public boolean rejectable() {
        return pick.push() == null;
    }

    public int riskRank() {
        return switch (pick.risk()) {
            case "HIGH" -> 2;
            case "MEDIUM" -> 1;
            default -> 0;
        };
    }
}
