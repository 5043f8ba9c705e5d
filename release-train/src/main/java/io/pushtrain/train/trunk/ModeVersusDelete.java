package io.pushtrain.train.trunk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Finds the one conflict JGit's ResolveMerger misses and git reports: one side changed only
 * a file's mode (say, the executable bit) and the other deleted the file. JGit compares
 * object ids only and silently deletes; git calls it a modify/delete conflict, and so do we.
 */
final class ModeVersusDelete {

    private ModeVersusDelete() {
    }

    /**
     * The paths in conflict; walks only what the pick changed (a handful of files), never the
     * whole difference between trunk and the branch.
     */
    static List<String> conflicts(ObjectReader reader, AnyObjectId base, AnyObjectId head, AnyObjectId pick)
            throws IOException {
        List<String> paths = new ArrayList<>();
        try (TreeWalk changes = new TreeWalk(reader)) {
            changes.addTree(base);
            changes.addTree(pick);
            changes.setRecursive(true);
            changes.setFilter(TreeFilter.ANY_DIFF);
            while (changes.next()) {
                if (conflicts(reader, changes, head)) {
                    paths.add(changes.getPathString());
                }
            }
        }
        return paths;
    }

    private static boolean conflicts(ObjectReader reader, TreeWalk changes, AnyObjectId head) throws IOException {
        int baseMode = changes.getRawMode(0);
        int pickMode = changes.getRawMode(1);
        boolean pickDeleted = pickMode == 0;
        boolean pickModeOnly = pickMode != 0 && pickMode != baseMode && changes.idEqual(0, 1);
        if (baseMode == 0 || !(pickDeleted || pickModeOnly)) {
            return false;
        }
        try (TreeWalk inHead = TreeWalk.forPath(reader, changes.getPathString(), head)) {
            if (pickModeOnly) {
                return inHead == null;
            }
            return inHead != null && !FileMode.TREE.equals(inHead.getRawMode(0))
                    && inHead.getRawMode(0) != baseMode && inHead.getObjectId(0).equals(changes.getObjectId(0));
        }
    }
}
