package io.pushtrain.train;

import io.pushtrain.distribution.RolloutHalted;
import io.pushtrain.distribution.RolloutState;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A tier's health gate pauses or rolls back a rollout by itself, inside the distribution module,
 * which cannot write the audit log: the entry is written here, in the same transaction as the
 * halt, with the gate as the actor and its reason.
 */
@Component
class HaltedRolloutsAudit {

    static final String ACTOR = "health gate";

    private final AuditLog audit;

    HaltedRolloutsAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void halted(RolloutHalted halted) {
        String action = halted.state() == RolloutState.ROLLED_BACK ? "rollout rollback" : "rollout pause";
        audit.record(ACTOR, action, "rollout " + halted.rollout(),
                "artifact " + halted.artifactId() + ", tier " + halted.tier(), halted.reason());
    }
}
