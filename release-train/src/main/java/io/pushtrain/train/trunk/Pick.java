package io.pushtrain.train.trunk;

import java.util.Objects;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One trunk commit to pick onto a branch; {@code mainline} is the 1-based parent a merge
 * commit is picked against (0 for none, as {@code git cherry-pick} without {@code -m}).
 */
public record Pick(ObjectId commit, int mainline) {

    public Pick {
        Objects.requireNonNull(commit, "commit");
        if (mainline < 0) {
            throw new IllegalArgumentException("mainline is a 1-based parent number, got " + mainline);
        }
        commit = commit.copy();
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
}
