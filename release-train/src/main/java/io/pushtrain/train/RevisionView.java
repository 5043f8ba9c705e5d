package io.pushtrain.train;

import java.util.List;
import java.util.Map;

/**
 * Where a revision is: in trunk or not, in which trains, requested, picked or shipped in which
 * push, and on how many hosts per tier.
 *
 * @param madeBy the pick whose landing made this commit (a cherry-pick on a release branch), or null
 */
public record RevisionView(String revision, String commit, String subject, String author, boolean onTrunk,
        List<TrainPresence> trains, List<PickView> picks, Map<String, Integer> hostsByTier, PickView madeBy) {

    /** Whether a train carries the revision, and how it got there. */
    public record TrainPresence(long train, String branch, boolean contains, String how) {
    }
}
