package io.pushtrain.train.trunk;

/** What became of one pick in a batch. */
public enum PickStatus {
    /** A new commit now sits on the branch (or would, for a computed batch). */
    PICKED,
    /** The change does not apply to the branch; see the conflicting paths. */
    CONFLICT,
    /** The branch already holds the change: the result tree equals the head's, no commit made. */
    EMPTY,
    /** A merge commit named without a mainline parent; git refuses it the same way. */
    NEEDS_MAINLINE,
    /** The mainline names a parent the commit does not have. */
    BAD_MAINLINE,
    /** The id names no commit in the repository. */
    UNKNOWN_COMMIT;

    /** Whether the pick changed the branch. */
    public boolean landed() {
        return this == PICKED;
    }
}
