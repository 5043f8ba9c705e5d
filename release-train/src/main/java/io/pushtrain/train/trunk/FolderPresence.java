package io.pushtrain.train.trunk;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.lib.AnyObjectId;

import io.pushtrain.train.trunk.TreeEdits.Entry;

/** Which folders of the pick's parent one side removed: where git looks for a folder rename. */
final class FolderPresence {

    private final TreeEdits trees;
    private final AnyObjectId base;

    FolderPresence(TreeEdits trees, AnyObjectId base) {
        this.trees = trees;
        this.base = base;
    }

    /**
     * The folder holding {@code path} when the parent had it and {@code side} lacks it: git
     * looks no higher (a new subfolder inside a renamed folder stays where it was added).
     */
    List<String> removedAround(String path, AnyObjectId side) throws IOException {
        String folder = RenameSearch.parent(path);
        if (folder.isEmpty() || !isFolder(base, folder) || isFolder(side, folder)) {
            return List.of();
        }
        return List.of(folder);
    }

    /** The highest folder around a file of the parent that {@code side} removed with it, if any. */
    Optional<String> topmostRemoved(String path, AnyObjectId side) throws IOException {
        String top = null;
        for (String folder = RenameSearch.parent(path); !folder.isEmpty(); folder = RenameSearch.parent(folder)) {
            if (isFolder(side, folder)) {
                break;
            }
            top = folder;
        }
        return Optional.ofNullable(top);
    }

    /** The files {@code side} has inside {@code folder} that the parent had not. */
    List<String> addedInside(String folder, AnyObjectId side, RenameSearch search) throws IOException {
        Entry before = trees.find(base, folder);
        Entry after = trees.find(side, folder);
        if (after == null || !after.isTree() || after.id().equals(before.id())) {
            return List.of();
        }
        return search.changes(before.id(), after.id()).stream()
                .filter(c -> c.getChangeType() == ChangeType.ADD)
                .map(c -> folder + "/" + c.getNewPath()).toList();
    }

    private boolean isFolder(AnyObjectId tree, String folder) throws IOException {
        Entry entry = trees.find(tree, folder);
        return entry != null && entry.isTree();
    }
}
