package io.pushtrain.train.trunk;

import java.io.IOException;
import java.util.List;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import io.pushtrain.train.TrainException;

/** Answers questions about trunk commits: how big a change is, and whether a branch already holds it. */
public final class TrunkAnalysis {

    private final Repository repository;

    public TrunkAnalysis(Repository repository) {
        this.repository = repository;
    }

    /** Files and lines the commit changes against its first parent (renames detected, so a move is small). */
    public ChangeSize size(AnyObjectId commitId) {
        try (ObjectReader reader = repository.newObjectReader();
                RevWalk walk = new RevWalk(reader);
                DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            RevCommit commit = walk.parseCommit(commitId);
            RevTree parentTree = commit.getParentCount() == 0 ? null
                    : walk.parseCommit(commit.getParent(0)).getTree();
            diff.setReader(reader, repository.getConfig());
            diff.setDiffComparator(RawTextComparator.DEFAULT);
            diff.setDetectRenames(true);
            return measure(diff, diff.scan(parentTree, commit.getTree()));
        } catch (IOException e) {
            throw new TrainException("could not diff " + commitId.name() + ": " + e.getMessage(), e);
        }
    }

    private static ChangeSize measure(DiffFormatter diff, List<DiffEntry> entries) throws IOException {
        int added = 0;
        int removed = 0;
        for (DiffEntry entry : entries) {
            // Binary files have no edit list: they count as a file, not as lines.
            for (Edit edit : diff.toFileHeader(entry).toEditList()) {
                added += edit.getLengthB();
                removed += edit.getLengthA();
            }
        }
        return new ChangeSize(entries.size(), added, removed);
    }

    /** Whether {@code branch} already contains the commit (it, or a descendant, is on the branch). */
    public boolean isOnBranch(AnyObjectId commitId, String branch) {
        try (RevWalk walk = new RevWalk(repository)) {
            Ref ref = repository.exactRef(branch.startsWith(Constants.R_REFS) ? branch : Constants.R_HEADS + branch);
            if (ref == null) {
                throw new TrainException.Unknown("there is no branch " + branch);
            }
            return walk.isMergedInto(walk.parseCommit(commitId), walk.parseCommit(ref.getObjectId()));
        } catch (IOException e) {
            throw new TrainException("could not walk " + branch + ": " + e.getMessage(), e);
        }
    }
}
