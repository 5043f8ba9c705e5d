package io.pushtrain.dashboard.queue;

import java.util.List;

import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;

/**
 * One open request in the queue, with its requester's stars and what holds it back (null when
 * nothing does); public because the templates read it by reflection.
 */
public record QueueRow(PickView pick, int stars, String blockedBy) {

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

    /** Its requester may confirm presence: approved, or deferred from a push they missed. */
    public boolean confirmable() {
        return pick.state() == PickState.APPROVED || pick.state() == PickState.DEFERRED;
    }

    /** Its requester may withdraw it until a push takes it. */
    public boolean withdrawable() {
        return pick.push() == null && pick.state().isOpen() && pick.state() != PickState.SHIPPED
                && pick.state().canMoveTo(PickState.WITHDRAWN);
    }

    /**
     * The risk's reason as short sentences for a narrow column: "top 5% by size (812 lines in 14
     * files), top 10% by discussion (score 23), against the last 40 picks" reads as three.
     */
    public List<String> riskPoints() {
        return RiskPoints.of(pick.riskReason());
    }

    public int riskRank() {
        return switch (pick.risk()) {
            case "HIGH" -> 2;
            case "MEDIUM" -> 1;
            default -> 0;
        };
    }
}
