package io.pushtrain.train.trunk;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.lib.AnyObjectId;

import io.pushtrain.train.trunk.TreeEdits.Entry;

/**
 * Conflicts that git reports and JGit's ResolveMerger merges silently: one side changed only
 * a file's mode, the other deleted it (JGit compares ids only). Renames, which JGit does not
 * follow at all, are {@link PickRenames}' part. Only what the pick changed is looked at.
 */
final class MissedConflicts {

    private final TreeEdits trees;

    MissedConflicts(TreeEdits trees) {
        this.trees = trees;
    }

    /** @param pickChanges what the pick changed against {@code head}'s merge base, without renames */
    Set<String> find(AnyObjectId head, List<DiffEntry> pickChanges) throws IOException {
        Set<String> conflicts = new TreeSet<>();
        for (DiffEntry change : pickChanges) {
            if (change.getChangeType() == ChangeType.MODIFY || change.getChangeType() == ChangeType.DELETE) {
                if (modeOnlyVersusDelete(change, trees.find(head, change.getOldPath()))) {
                    conflicts.add(change.getOldPath());
                }
            }
        }
        return conflicts;
    }

    private static boolean modeOnlyVersusDelete(DiffEntry change, Entry inHead) {
        if (change.getChangeType() == ChangeType.MODIFY && change.getOldId().equals(change.getNewId())) {
            return inHead == null;
        }
        return change.getChangeType() == ChangeType.DELETE && inHead != null && !inHead.isTree()
                && inHead.mode().getBits() != change.getOldMode().getBits()
                && inHead.id().equals(change.getOldId().toObjectId());
    }
}
