package io.pushtrain.train.push;

import io.pushtrain.train.PushKind;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Moves the release branch to the judged candidate, by compare-and-swap from the head the merge
 * started on, and publishes it. Run again after a crash it finds the branch already there.
 */
@Component
@Order(480)
class LandStep implements PushStep {

    private final PushRepository pushes;
    private final TrunkMirror trunk;
    private final PushProbe probe;

    LandStep(PushRepository pushes, TrunkMirror trunk, PushProbe probe) {
        this.pushes = pushes;
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
        PushEntity push = pushes.findById(run.id()).orElseThrow();
        if (run.kind() == PushKind.RELEASE || push.headCommit() == null) {
            return StepResult.skipped("nothing merged: the branch stays where it is");
        }
        ObjectId base = ObjectId.fromString(push.baseCommit());
        ObjectId head = ObjectId.fromString(push.headCommit());
        ObjectId current = trunk.head(run.branch()).orElseThrow();
        if (!current.equals(head)) {
            if (!current.equals(base) || !trunk.moveBranch(run.branch(), base, head)) {
                return StepResult.failed(run.branch() + " moved while the push ran (expected "
                        + base.abbreviate(10).name() + ", found " + current.abbreviate(10).name()
                        + "); nothing was lost, start a new push");
            }
        }
        probe.reached("land:branch-moved");
        trunk.publish(run.branch());
        return StepResult.done(head.equals(base) ? "every pick was held back: " + run.branch() + " stays at "
                + base.abbreviate(10).name() : run.branch() + " moved to " + head.abbreviate(10).name());
    }
}
