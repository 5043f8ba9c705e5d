package io.pushtrain.train.trunk;

import java.util.Objects;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One commit to pick onto a branch; {@code mainline} is the 1-based parent a merge commit is
 * picked against (0 for none, as {@code git cherry-pick} without {@code -m}). {@code backportOf}
 * is the trunk commit that {@code commit} resolves, when {@code commit} is a backport made on top
 * of the branch (else null): the landed commit then names that original in its trailer, once.
 */
public record Pick(ObjectId commit, int mainline, ObjectId backportOf) {

    public Pick {
        Objects.requireNonNull(commit, "commit");
        if (mainline < 0) {
            throw new IllegalArgumentException("mainline is a 1-based parent number, got " + mainline);
        }
        if (backportOf != null && mainline != 0) {
            throw new IllegalArgumentException("a backport is one ordinary commit on top of the branch, not a merge");
        }
        commit = commit.copy();
        backportOf = backportOf == null ? null : backportOf.copy();
    }

    public Pick(ObjectId commit, int mainline) {
        this(commit, mainline, null);
    }

    /** A pick of an ordinary (single-parent) commit. */
    public static Pick of(ObjectId commit) {
        return new Pick(commit, 0);
    }

    /** A pick of a merge commit against its {@code mainline}-th parent, like {@code git cherry-pick -m}. */
    public static Pick ofMerge(ObjectId commit, int mainline) {
        if (mainline < 1) {
            throw new IllegalArgumentException("a merge is picked against parent 1, 2, ...; got " + mainline);
        }
        return new Pick(commit, mainline);
    }

    /**
     * A requester's resolution of a conflicting pick of {@code original}: {@code backport}'s parent
     * is on the branch, and applying it is a cherry-pick onto wherever the branch is now.
     */
    public static Pick backport(ObjectId backport, ObjectId original) {
        return new Pick(backport, 0, Objects.requireNonNull(original, "original"));
    }
}
