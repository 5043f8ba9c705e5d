package io.pushtrain.train.trunk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Conflicts that git reports and JGit's ResolveMerger merges silently, found so that a pick
 * never lands where git would have stopped:
 * <ul>
 * <li>one side changed only a file's mode, the other deleted it (JGit compares ids only);</li>
 * <li>the pick deletes or renames a file the branch no longer has under that name, because
 * the branch renamed it or the pick renamed what the branch deleted (JGit has no rename
 * detection and sees two agreeing deletions).</li>
 * </ul>
 * Only what the pick changed is walked; the branch's side is diffed only in the rare second case.
 */
final class MissedConflicts {

    private final ObjectReader reader;
    private final DiffConfig diffConfig;

    MissedConflicts(ObjectReader reader, DiffConfig diffConfig) {
        this.reader = reader;
        this.diffConfig = diffConfig;
    }

    List<String> find(AnyObjectId base, AnyObjectId head, AnyObjectId pick) throws IOException {
        List<DiffEntry> pickChanges = changes(base, pick);
        Set<String> conflicts = new TreeSet<>();
        Set<String> goneFromBranch = new TreeSet<>();
        for (DiffEntry change : pickChanges) {
            try (TreeWalk inHead = TreeWalk.forPath(reader, change.getOldPath(), head)) {
                if (modeOnlyVersusDelete(change, inHead)) {
                    conflicts.add(change.getOldPath());
                }
                if (change.getChangeType() == ChangeType.DELETE && inHead == null) {
                    goneFromBranch.add(change.getOldPath());
                }
            }
        }
        if (!goneFromBranch.isEmpty()) {
            conflicts.addAll(renamedAway(base, head, pickChanges, goneFromBranch));
        }
        return List.copyOf(conflicts);
    }

    private static boolean modeOnlyVersusDelete(DiffEntry change, TreeWalk inHead) {
        if (change.getChangeType() == ChangeType.MODIFY && change.getOldId().equals(change.getNewId())) {
            return inHead == null;
        }
        return change.getChangeType() == ChangeType.DELETE && inHead != null
                && !FileMode.TREE.equals(inHead.getRawMode(0))
                && inHead.getRawMode(0) != change.getOldMode().getBits()
                && inHead.getObjectId(0).equals(change.getOldId().toObjectId());
    }

    /** Paths the pick deleted and the branch lacks, where a rename on either side makes git stop. */
    private List<String> renamedAway(AnyObjectId base, AnyObjectId head, List<DiffEntry> pickChanges,
            Set<String> gone) throws IOException {
        List<String> conflicts = new ArrayList<>();
        Set<String> pureDeletes = new TreeSet<>(gone);
        for (DiffEntry rename : renames(pickChanges, gone)) {
            // The pick renamed what the branch deleted or renamed elsewhere: rename/delete or rename/rename.
            conflicts.add(rename.getNewPath());
            pureDeletes.remove(rename.getOldPath());
        }
        if (!pureDeletes.isEmpty()) {
            for (DiffEntry rename : renames(changes(base, head), pureDeletes)) {
                // The branch renamed what the pick deletes: rename/delete.
                conflicts.add(rename.getNewPath());
            }
        }
        return conflicts;
    }

    private List<DiffEntry> renames(List<DiffEntry> changes, Set<String> sources) throws IOException {
        List<DiffEntry> candidates = changes.stream()
                .filter(c -> c.getChangeType() == ChangeType.ADD
                        || (c.getChangeType() == ChangeType.DELETE && sources.contains(c.getOldPath())))
                .toList();
        RenameDetector detector = new RenameDetector(reader, diffConfig);
        detector.addAll(candidates);
        return detector.compute().stream()
                .filter(c -> c.getChangeType() == ChangeType.RENAME && sources.contains(c.getOldPath()))
                .toList();
    }

    private List<DiffEntry> changes(AnyObjectId from, AnyObjectId to) throws IOException {
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(from);
            walk.addTree(to);
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            return DiffEntry.scan(walk);
        }
    }
}
