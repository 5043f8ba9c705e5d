package io.pushtrain.train.trunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;

import io.pushtrain.train.trunk.TreeEdits.Entry;

/** The paths of a pick that a plain three-way merge cannot place, sorted by why. */
final class Unplaced {

    private final List<DiffEntry> goneFromBranch = new ArrayList<>();
    private final Set<String> goneFromBranchPaths = new TreeSet<>();
    private final Map<DiffEntry, Entry> changedOnBranch = new LinkedHashMap<>();
    private final Map<String, List<String>> addedByPick = new TreeMap<>();
    private final Map<String, List<String>> addedByBranch = new TreeMap<>();

    /** Changes or deletions by the pick of files the branch does not have under that name. */
    List<DiffEntry> goneFromBranch() {
        return goneFromBranch;
    }

    void goneFromBranch(DiffEntry change) {
        goneFromBranch.add(change);
        goneFromBranchPaths.add(change.getOldPath());
    }

    Set<String> goneFromBranchPaths() {
        return goneFromBranchPaths;
    }

    /** Deletions by the pick (perhaps renames) of files the branch changed, with the branch's version. */
    Map<DiffEntry, Entry> changedOnBranch() {
        return changedOnBranch;
    }

    /** Files the pick adds inside folders the branch no longer has, with those folders, deepest first. */
    Map<String, List<String>> addedByPick() {
        return addedByPick;
    }

    /** Files the branch added inside folders the pick removed, with those folders, deepest first. */
    Map<String, List<String>> addedByBranch() {
        return addedByBranch;
    }

    boolean isEmpty() {
        return goneFromBranch.isEmpty() && changedOnBranch.isEmpty() && addedByPick.isEmpty()
                && addedByBranch.isEmpty();
    }

    boolean needsPickRenames() {
        return !changedOnBranch.isEmpty() || !addedByBranch.isEmpty()
                || goneFromBranch.stream().anyMatch(c -> c.getChangeType() == ChangeType.DELETE);
    }

    boolean needsBranchRenames() {
        return !goneFromBranch.isEmpty() || !addedByPick.isEmpty();
    }
}
