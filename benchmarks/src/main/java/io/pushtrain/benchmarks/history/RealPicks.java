package io.pushtrain.benchmarks.history;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The backports of a repository: commits on a release branch (not on trunk) whose message
 * carries git's {@code (cherry picked from commit <sha>)} trailer, where that commit exists,
 * is on trunk and is not a merge. The last trailer wins, as a backport of a backport names
 * the trunk commit last.
 */
final class RealPicks {

    private static final Pattern TRAILER = Pattern.compile("\\(cherry picked from commit ([0-9a-f]{40})\\)");

    /** The picks found and how many trailers were passed over, and why. */
    record Found(List<RealPick> picks, int notOnTrunk, int merges) {
    }

    private RealPicks() {
    }

    /** @param label the branch's name in the report */
    static Found find(Repository repository, String trunk, String branch, String label) throws IOException {
        List<RealPick> picks = new ArrayList<>();
        int notOnTrunk = 0;
        int merges = 0;
        Map<ObjectId, Integer> onTrunk = trunkCommits(repository, trunk);
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve(branch)));
            walk.markUninteresting(walk.parseCommit(repository.resolve(trunk)));
            for (RevCommit commit : walk) {
                ObjectId original = lastTrailer(commit.getFullMessage());
                if (original == null || commit.getParentCount() != 1) {
                    continue;
                }
                Integer parents = onTrunk.get(original);
                if (parents == null) {
                    notOnTrunk++;
                } else if (parents != 1) {
                    merges++;
                } else {
                    picks.add(new RealPick(label, original, commit.getParent(0).copy(), commit.copy()));
                }
            }
        }
        Collections.reverse(picks);
        return new Found(picks, notOnTrunk, merges);
    }

    private static ObjectId lastTrailer(String message) {
        Matcher matcher = TRAILER.matcher(message);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        return last == null ? null : ObjectId.fromString(last);
    }

    /** Every commit on trunk with its number of parents: one walk instead of one per trailer. */
    private static Map<ObjectId, Integer> trunkCommits(Repository repository, String trunk) throws IOException {
        Map<ObjectId, Integer> commits = new HashMap<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRetainBody(false);
            walk.markStart(walk.parseCommit(repository.resolve(trunk)));
            for (RevCommit commit : walk) {
                commits.put(commit.copy(), commit.getParentCount());
            }
        }
        return commits;
    }
}
