package io.pushtrain.train.trunk;

import java.util.List;

import org.eclipse.jgit.lib.ObjectId;

/**
 * A batch of picks applied on {@code oldHead}: the resulting {@code newHead} (equal to
 * {@code oldHead} when nothing landed), one outcome per pick in order, and the ref's fate.
 */
public record BatchResult(ObjectId oldHead, ObjectId newHead, List<PickOutcome> outcomes, BranchMove branchMove) {

    public BatchResult {
        outcomes = List.copyOf(outcomes);
    }

    /** The outcomes of the picks that landed, in order. */
    public List<PickOutcome> landed() {
        return outcomes.stream().filter(o -> o.status().landed()).toList();
    }

    BatchResult withBranchMove(BranchMove move) {
        return new BatchResult(oldHead, newHead, outcomes, move);
    }
}
