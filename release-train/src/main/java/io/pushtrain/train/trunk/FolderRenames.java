package io.pushtrain.train.trunk;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * git's folder renames: a folder one side removed counts as renamed to where most of its
 * renamed files went (a tie means no rename), comparing the folder parts that changed.
 */
final class FolderRenames {

    private FolderRenames() {
    }

    /** Where {@code folder} went ("" for the top), or null when no majority of its files moved together. */
    static String target(String folder, Map<String, String> renames) {
        Map<String, Integer> votes = new TreeMap<>();
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            if (rename.getKey().startsWith(folder + "/")) {
                votes.merge(renamedFolder(folder, rename.getKey(), rename.getValue()), 1, Integer::sum);
            }
        }
        String best = null;
        int bestVotes = 0;
        boolean tie = false;
        for (Map.Entry<String, Integer> vote : votes.entrySet()) {
            if (vote.getValue() > bestVotes) {
                best = vote.getKey();
                bestVotes = vote.getValue();
                tie = false;
            } else if (vote.getValue() == bestVotes) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    static boolean isUnderAny(String path, Collection<String> folders) {
        for (String folder = RenameSearch.parent(path); !folder.isEmpty(); folder = RenameSearch.parent(folder)) {
            if (folders.contains(folder)) {
                return true;
            }
        }
        return false;
    }

    /** "a/b/c/x.c" to "a/z/c/x.c" says folder "a/b" went to "a/z": trailing folders that match are the same. */
    private static String renamedFolder(String folder, String oldPath, String newPath) {
        String oldDir = RenameSearch.parent(oldPath);
        String newDir = RenameSearch.parent(newPath);
        while (!oldDir.equals(folder) && !newDir.isEmpty()
                && RenameSearch.fileName(oldDir).equals(RenameSearch.fileName(newDir))) {
            oldDir = RenameSearch.parent(oldDir);
            newDir = RenameSearch.parent(newDir);
        }
        while (oldDir.length() > folder.length()) {
            oldDir = RenameSearch.parent(oldDir);
            newDir = RenameSearch.parent(newDir);
        }
        return newDir;
    }
}
