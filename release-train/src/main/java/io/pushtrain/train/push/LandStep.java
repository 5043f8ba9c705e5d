package io.pushtrain.train.push;

import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.springframework.stereotype.Component;

/**
 * Moves the release branch to the candidate that was judged and built, by compare-and-swap from
 * the head the merge started on, and publishes it. Run again after a crash it finds the branch
 * already there; a remote that does not answer is retried by the engine.
 */
@Component
class LandStep implements PushStep {

    private final PushLedger ledger;
    private final TrunkMirror trunk;
    private final PushProbe probe;

    LandStep(PushLedger ledger, TrunkMirror trunk, PushProbe probe) {
        this.ledger = ledger;
        this.trunk = trunk;
        this.probe = probe;
    }

    @Override
    public String name() {
        return "land";
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public StepResult run(PushRun run) {
        PushEntity push = ledger.push(run.id());
        if (push.headCommit() == null) {
            return StepResult.failed("nothing was merged, so there is no candidate to land");
        }
        ObjectId base = ObjectId.fromString(push.baseCommit());
        ObjectId head = ObjectId.fromString(push.headCommit());
        ObjectId current = trunk.head(run.branch()).orElseThrow();
        if (!current.equals(head) && (!current.equals(base) || !trunk.moveBranch(run.branch(), base, head))) {
            return StepResult.failed(run.branch() + " moved while the push ran (expected " + base.abbreviate(10).name()
                    + ", found " + current.abbreviate(10).name() + "); its picks go back to the queue");
        }
        probe.reached("land:branch-moved");
        trunk.publish(run.branch());
        return StepResult.done(run.branch() + " moved to " + head.abbreviate(10).name());
    }
}
