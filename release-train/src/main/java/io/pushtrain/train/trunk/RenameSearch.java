package io.pushtrain.train.trunk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Pairs deleted files with added ones the way git's merge does with its defaults: exact
 * renames first, then a file of the same name at least 75% alike, then any file at least
 * 50% alike ({@code diff.renames} similarity). Only the sources asked about are scored, so
 * a big diff costs reading its added files once, and only when a pick needs it.
 */
final class RenameSearch {

    /** git's default similarity for a rename, in percent. */
    static final int GIT_RENAME_SCORE = 50;
    /** git's merge rename limit: beyond sources x destinations of this squared, only exact renames. */
    static final int GIT_MERGE_RENAME_LIMIT = 7000;

    private final ObjectReader reader;
    private final DiffConfig diffConfig;

    RenameSearch(ObjectReader reader, DiffConfig diffConfig) {
        this.reader = reader;
        this.diffConfig = diffConfig;
    }

    /** Every file that differs between two trees, without rename detection; equal subtrees are skipped. */
    List<DiffEntry> changes(AnyObjectId from, AnyObjectId to) throws IOException {
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(from);
            walk.addTree(to);
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            return DiffEntry.scan(walk);
        }
    }

    /** Old path to new path for each of {@code sources} (deletions) that one of {@code targets} (additions) continues. */
    Map<String, String> renames(Collection<DiffEntry> sources, Collection<DiffEntry> targets) throws IOException {
        return renames(sources, sources, targets);
    }

    /**
     * As git's ort: exact renames among all deletions, which also say where folders went; then,
     * for each of the {@code relevant} deletions left, the one addition of the same name (or,
     * when several share it, the one in the folder its folder went to) if at least 75% alike;
     * then the best addition at least 50% alike.
     */
    Map<String, String> renames(Collection<DiffEntry> relevant, Collection<DiffEntry> all,
            Collection<DiffEntry> targets) throws IOException {
        Map<String, String> exact = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        exact(all, targets, exact, taken);
        Map<String, String> found = new LinkedHashMap<>();
        for (DiffEntry source : relevant) {
            String target = exact.get(source.getOldPath());
            if (target != null) {
                found.put(source.getOldPath(), target);
            }
        }
        List<DiffEntry> left = remaining(relevant, found.keySet());
        if (left.isEmpty()) {
            return found;
        }
        List<DiffEntry> open = remaining(targets, taken);
        for (DiffEntry source : left) {
            DiffEntry guess = sameName(source, open, exact);
            if (guess != null && !taken.contains(guess.getNewPath())) {
                similar(List.of(source), List.of(guess), 75, found, taken);
            }
        }
        left = remaining(relevant, found.keySet());
        if (!left.isEmpty()) {
            similar(left, remaining(targets, taken), GIT_RENAME_SCORE, found, taken);
        }
        return found;
    }

    /** The addition of the source's name: the only one, or the one where the source's folder went. */
    private static DiffEntry sameName(DiffEntry source, List<DiffEntry> targets, Map<String, String> exact) {
        String name = fileName(source.getOldPath());
        List<DiffEntry> named = targets.stream().filter(t -> fileName(t.getNewPath()).equals(name)).toList();
        if (named.size() <= 1) {
            return named.isEmpty() ? null : named.get(0);
        }
        String folder = FolderRenames.target(parent(source.getOldPath()), exactInFolder(parent(source.getOldPath()), exact));
        if (folder == null) {
            return null;
        }
        String guess = folder.isEmpty() ? name : folder + "/" + name;
        return named.stream().filter(t -> t.getNewPath().equals(guess)).findFirst().orElse(null);
    }

    /** The exact renames of files directly in {@code folder}: where git guesses the folder went. */
    private static Map<String, String> exactInFolder(String folder, Map<String, String> exact) {
        Map<String, String> inFolder = new LinkedHashMap<>();
        exact.forEach((from, to) -> {
            if (parent(from).equals(folder)) {
                inFolder.put(from, to);
            }
        });
        return inFolder;
    }

    private static void exact(Collection<DiffEntry> sources, Collection<DiffEntry> targets, Map<String, String> found,
            Set<String> taken) {
        Map<ObjectId, List<DiffEntry>> targetsById = new HashMap<>();
        for (DiffEntry target : targets) {
            targetsById.computeIfAbsent(target.getNewId().toObjectId(), k -> new ArrayList<>()).add(target);
        }
        for (DiffEntry source : sources) {
            List<DiffEntry> same = targetsById.getOrDefault(source.getOldId().toObjectId(), List.of());
            // Among identical copies git prefers the one with the same name, then the first.
            same.stream().filter(t -> !taken.contains(t.getNewPath()))
                    .min((a, b) -> Boolean.compare(!sameName(source, a), !sameName(source, b)))
                    .ifPresent(target -> {
                        found.put(source.getOldPath(), target.getNewPath());
                        taken.add(target.getNewPath());
                    });
        }
    }

    private void similar(List<DiffEntry> sources, List<DiffEntry> targets, int score, Map<String, String> found,
            Set<String> taken) throws IOException {
        if (targets.isEmpty()) {
            return;
        }
        RenameDetector detector = new RenameDetector(reader, diffConfig);
        detector.setRenameScore(score);
        detector.setRenameLimit(GIT_MERGE_RENAME_LIMIT);
        // The detector marks the entries it pairs (a DELETE becomes a RENAME): give it copies.
        detector.addAll(sources.stream().<DiffEntry>map(Copy::new).toList());
        detector.addAll(targets.stream().<DiffEntry>map(Copy::new).toList());
        for (DiffEntry entry : detector.compute()) {
            if (entry.getChangeType() == ChangeType.RENAME && !taken.contains(entry.getNewPath())) {
                found.put(entry.getOldPath(), entry.getNewPath());
                taken.add(entry.getNewPath());
            }
        }
    }

    /** A copy of a diff entry, which JGit's rename detector may change. */
    private static final class Copy extends DiffEntry {

        Copy(DiffEntry entry) {
            changeType = entry.getChangeType();
            oldPath = entry.getOldPath();
            newPath = entry.getNewPath();
            oldMode = entry.getOldMode();
            newMode = entry.getNewMode();
            oldId = entry.getOldId();
            newId = entry.getNewId();
        }
    }

    private static List<DiffEntry> remaining(Collection<DiffEntry> entries, Set<String> used) {
        return entries.stream().filter(e -> !used.contains(e.getChangeType() == ChangeType.DELETE
                ? e.getOldPath() : e.getNewPath())).toList();
    }

    private static boolean sameName(DiffEntry source, DiffEntry target) {
        return fileName(source.getOldPath()).equals(fileName(target.getNewPath()));
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The folder holding a path, "" at the top. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
