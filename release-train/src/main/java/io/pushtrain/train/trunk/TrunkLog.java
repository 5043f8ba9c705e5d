package io.pushtrain.train.trunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.pushtrain.train.TrunkCommit;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** The newest commits of a branch with the paths each touched (names only, no content diff). */
public final class TrunkLog {

    private TrunkLog() {
    }

    public static List<TrunkCommit> newest(Repository repository, ObjectId head, int max) {
        List<TrunkCommit> log = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(head));
            for (RevCommit commit : walk) {
                if (log.size() >= max) {
                    break;
                }
                log.add(new TrunkCommit(commit.name(), commit.getShortMessage(), commit.getAuthorIdent().getName(),
                        paths(repository, commit)));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return log;
    }

    private static List<String> paths(Repository repository, RevCommit commit) throws IOException {
        List<String> paths = new ArrayList<>();
        if (commit.getParentCount() == 0) {
            return paths;
        }
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getParent(0).getTree());
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            while (walk.next()) {
                paths.add(walk.getPathString());
            }
        }
        return paths;
    }
}
