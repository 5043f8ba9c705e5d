package io.pushtrain.train.push;

import java.util.List;

import io.pushtrain.train.PickState;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.trunk.BatchResult;
import io.pushtrain.train.trunk.Pick;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cherry-picks the confirmed picks onto the release branch in memory, in order, and records the
 * outcomes and the candidate head on the push. The branch does not move here: tests, Perflab
 * and the build judge the candidate first, and the land step moves the branch.
 */
@Component
class MergeStep implements PushStep {

    private final PushLedger ledger;
    private final PushPicks picks;
    private final CandidatePicker picker;
    private final TrunkMirror trunk;
    private final TransactionTemplate tx;
    private final PushProbe probe;

    MergeStep(PushLedger ledger, PushPicks picks, CandidatePicker picker, TrunkMirror trunk, TransactionTemplate tx,
            PushProbe probe) {
        this.ledger = ledger;
        this.picks = picks;
        this.picker = picker;
        this.trunk = trunk;
        this.tx = tx;
        this.probe = probe;
    }

    @Override
    public String name() {
        return "merge";
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public StepResult run(PushRun run) {
        PushEntity push = ledger.push(run.id());
        if (push.headCommit() == null) {
            List<PickEntity> confirmed = picks.confirmed(run.id());
            ObjectId base = trunk.head(run.branch()).orElseThrow();
            List<Pick> batchPicks = confirmed.stream().map(PushPicks::pick).toList();
            // A backport lives on a developer's branch of the remote, which this node may not have fetched.
            trunk.fetchMissing(batchPicks.stream().map(Pick::commit).toList());
            BatchResult batch = picker.pick(base, batchPicks, push.createdAt());
            tx.executeWithoutResult(status -> picks.merged(run.id(), picks.confirmed(run.id()), batch));
            probe.reached("merge:outcomes-recorded");
            push = ledger.push(run.id());
        }
        return StepResult.done(summary(run.id(), ObjectId.fromString(push.headCommit())));
    }

    @Override
    public StepResult recorded(PastPushCounts push) {
        return StepResult.done(push.merged() + " merged, " + push.conflicted() + " conflicted");
    }

    private String summary(long pushId, ObjectId head) {
        List<PickEntity> taken = picks.taken(pushId);
        long merged = taken.stream().filter(p -> p.state() == PickState.MERGED).count();
        long conflicted = taken.stream().filter(p -> p.state() == PickState.CONFLICT).count();
        return merged + " merged, " + conflicted + " conflicted; candidate head " + head.abbreviate(10).name();
    }
}
