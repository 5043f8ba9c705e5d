package io.pushtrain.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.pushtrain.train.trunk.TrunkMirror;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** What the tests read off a release branch: the commits picked onto it since its cut. */
final class BranchPicks {

    private BranchPicks() {
    }

    /** The source commit of every cherry-pick on {@code branch} since {@code cut}, newest first. */
    static List<String> since(TrunkMirror trunk, String branch, ObjectId cut) throws IOException {
        List<String> sources = new ArrayList<>();
        try (RevWalk walk = new RevWalk(trunk.repository())) {
            walk.markStart(walk.parseCommit(trunk.head(branch).orElseThrow()));
            walk.markUninteresting(walk.parseCommit(cut));
            for (RevCommit commit : walk) {
                String message = commit.getFullMessage();
                int at = message.indexOf("(cherry picked from commit ");
                sources.add(message.substring(at + 27, at + 67));
            }
        }
        return sources;
    }
}
