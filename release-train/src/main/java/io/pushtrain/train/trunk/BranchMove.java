package io.pushtrain.train.trunk;

/** What happened to the branch ref after a batch. */
public enum BranchMove {
    /** The batch was only computed; the caller moves the ref itself. */
    NOT_REQUESTED,
    /** The branch now points at the batch's new head. */
    MOVED,
    /** No pick landed, so the branch stays where it was. */
    UNCHANGED,
    /** Someone moved the branch while the batch ran; nothing was lost, the batch must be redone. */
    CONCURRENT_UPDATE,
    /** The ref database refused the update for another reason (I/O, permissions). */
    REJECTED;

    /** Whether the branch holds the batch's result. */
    public boolean succeeded() {
        return this == MOVED || this == UNCHANGED;
    }
}
