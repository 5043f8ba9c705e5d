package io.pushtrain.train.trunk;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

import io.pushtrain.train.TrainException;

/**
 * Cherry-picks batches of trunk commits onto a branch entirely in memory (the Gerrit way)
 * and moves the branch with a compare-and-swap, so a concurrent writer never loses a pick.
 */
public final class CherryPicker {

    /** The committer of every pick the train makes, unless told otherwise. */
    public static final String TRAIN_NAME = "pushtrain train";
    public static final String TRAIN_EMAIL = "train@pushtrain.invalid";

    private final Repository repository;
    private final Supplier<PersonIdent> committer;

    /**
     * @param committer asked once per batch, so the clock is read when the batch runs
     */
    public CherryPicker(Repository repository, Supplier<PersonIdent> committer) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.committer = Objects.requireNonNull(committer, "committer");
    }

    /** A picker that commits as "pushtrain train" at the time each batch runs. */
    public static CherryPicker forTrain(Repository repository) {
        return new CherryPicker(repository, () -> new PersonIdent(TRAIN_NAME, TRAIN_EMAIL));
    }

    /**
     * Applies the picks in order on top of {@code head} and returns the commits it made,
     * without moving any ref: the caller persists its intent, then moves the branch.
     */
    public BatchResult compute(ObjectId head, List<Pick> picks) {
        try (PickBatch batch = new PickBatch(repository, committer.get())) {
            return batch.run(head, picks);
        } catch (IOException e) {
            throw new TrainException("could not read or write the repository at " + repository.getDirectory()
                    + " while picking onto " + head.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies the picks on top of the branch and moves it to the result, provided nobody
     * moved it meanwhile; otherwise the result says {@link BranchMove#CONCURRENT_UPDATE}.
     * @param branch a short name ("release/2024-05-12") or a full ref name
     */
    public BatchResult pickOnto(String branch, List<Pick> picks) {
        Ref ref = branchRef(branch);
        BatchResult computed = compute(ref.getObjectId(), picks);
        if (computed.newHead().equals(computed.oldHead())) {
            return computed.withBranchMove(BranchMove.UNCHANGED);
        }
        return computed.withBranchMove(moveBranch(ref.getName(), computed));
    }

    /**
     * Moves {@code branch} from {@code expectedOld} to {@code newHead}, failing rather than
     * overwriting when the branch is no longer at {@code expectedOld}.
     */
    public BranchMove moveBranch(String branch, ObjectId expectedOld, ObjectId newHead) {
        try {
            RefUpdate update = repository.updateRef(fullName(branch));
            update.setExpectedOldObjectId(expectedOld);
            update.setNewObjectId(newHead);
            update.setRefLogIdent(committer.get());
            update.setRefLogMessage("pushtrain: cherry-pick batch", false);
            try (RevWalk walk = new RevWalk(repository)) {
                return toBranchMove(update.update(walk));
            }
        } catch (IOException e) {
            throw new TrainException("could not move " + branch + " to " + newHead.name() + ": " + e.getMessage(), e);
        }
    }

    private BranchMove moveBranch(String refName, BatchResult computed) {
        return moveBranch(refName, computed.oldHead(), computed.newHead());
    }

    private static BranchMove toBranchMove(RefUpdate.Result result) {
        return switch (result) {
            case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> BranchMove.MOVED;
            // RefUpdate reports an expected-old-id mismatch as a lock failure.
            case LOCK_FAILURE -> BranchMove.CONCURRENT_UPDATE;
            default -> BranchMove.REJECTED;
        };
    }

    private Ref branchRef(String branch) {
        try {
            Ref ref = repository.exactRef(fullName(branch));
            if (ref == null || ref.getObjectId() == null) {
                throw new TrainException.Unknown("there is no branch " + branch + " in " + repository.getDirectory());
            }
            return ref;
        } catch (IOException e) {
            throw new TrainException("could not read " + branch + ": " + e.getMessage(), e);
        }
    }

    private static String fullName(String branch) {
        return branch.startsWith(Constants.R_REFS) ? branch : Constants.R_HEADS + branch;
    }
}
