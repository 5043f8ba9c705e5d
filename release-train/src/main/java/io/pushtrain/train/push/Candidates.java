package io.pushtrain.train.push;

import java.util.List;
import java.util.Optional;

import io.pushtrain.train.PushFinished;
import io.pushtrain.train.TrainException;
import io.pushtrain.train.trunk.BatchResult;
import io.pushtrain.train.trunk.Pick;
import io.pushtrain.train.trunk.PushRefs;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What a push's candidate needs on the node that runs its next step. The merge and every pick
 * held back make commits in memory on one node; after the step this node publishes the candidate
 * ({@link PushRefs}), and before a step a node that lacks the release branch or the candidate
 * fetches them. A node that died between recording a candidate and publishing it left nothing to
 * fetch: the candidate is computed again, which makes the same commits (they carry the push's
 * time), and published.
 */
@Component
class Candidates {

    private static final Logger log = LoggerFactory.getLogger(Candidates.class);

    private final PushLedger ledger;
    private final PushPicks picks;
    private final CandidatePicker picker;
    private final TrunkMirror trunk;
    private final PushRefs refs;

    Candidates(PushLedger ledger, PushPicks picks, CandidatePicker picker, TrunkMirror trunk, PushRefs refs) {
        this.ledger = ledger;
        this.picks = picks;
        this.picker = picker;
        this.trunk = trunk;
        this.refs = refs;
    }

    /** Before a step on this node: the release branch as the remote has it, and the candidate. */
    void catchUp(PushRun run) {
        catchUpBranch(run);
        Optional<ObjectId> head = picks.head(run.id());
        if (head.isEmpty() || refs.fetch(run.id(), List.of(head.get()))) {
            return;
        }
        log.warn("Push {}: candidate {} is on no node's remote; computing it again here", run.id(),
                head.get().abbreviate(10).name());
        ObjectId again = recompute(run.id());
        if (!again.equals(head.get())) {
            throw new TrainException("push " + run.id() + ": computing the candidate again made "
                    + again.abbreviate(10).name() + ", not the recorded " + head.get().abbreviate(10).name()
                    + "; the release branch or a pick's commit changed under the push");
        }
        refs.publish(run.id(), again);
    }

    /**
     * A remote that does not answer holds up only a node without the branch. One that has it goes
     * on: should the remote have moved meanwhile, land's publish is refused, never lost.
     */
    private void catchUpBranch(PushRun run) {
        try {
            trunk.catchUp(run.branch());
        }
        catch (TrainException.Unavailable ex) {
            if (trunk.head(run.branch()).isEmpty()) {
                throw ex;
            }
            log.warn("Push {}: going on with {} as this node has it: {}", run.id(), run.branch(), ex.getMessage());
        }
    }

    /**
     * After a step: a candidate this node has not published yet goes to the remote. A remote that
     * does not answer costs nothing here: the step is done, this node has the candidate, it tries
     * again after the next step, and a node taking over would compute the candidate again.
     */
    void publish(PushRun run) {
        Optional<ObjectId> head = picks.head(run.id()).filter(id -> !id.equals(picks.base(run.id()).orElse(null)))
            .filter(id -> !refs.published(run.id(), id));
        try {
            head.ifPresent(id -> refs.publish(run.id(), id));
        }
        catch (TrainException ex) {
            log.warn("Push {}: candidate {} not published yet: {}", run.id(), head.get().abbreviate(10).name(),
                    ex.getMessage());
        }
    }

    private ObjectId recompute(long pushId) {
        PushEntity push = ledger.push(pushId);
        List<Pick> landing = picks.landing(pushId).stream().map(PushPicks::pick).toList();
        trunk.fetchMissing(landing.stream().map(Pick::commit).toList());
        BatchResult batch = picker.pick(ObjectId.fromString(push.baseCommit()), landing, push.createdAt());
        return batch.newHead();
    }

    /** An ended push needs its candidates no more: on the branch if it shipped, nowhere if not. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void dropRefs(PushFinished finished) {
        try {
            refs.drop(finished.push());
        }
        catch (RuntimeException ex) {
            log.warn("Push {}: could not delete its candidate refs: {}", finished.push(), ex.getMessage());
        }
    }
}
