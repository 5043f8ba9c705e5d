package io.pushtrain.train.trunk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.lib.AnyObjectId;

import io.pushtrain.train.trunk.TreeEdits.Entry;

/**
 * Follows renames the way {@code git cherry-pick} does with its defaults, for the paths a
 * plain three-way merge cannot place: a file the pick changes that the branch has under
 * another name, a file the pick renames that the branch changed, and files added inside a
 * folder the other side renamed ({@code merge.directoryRenames=conflict}: a conflict at the
 * folder's new name). It renames those entries in the merge's input trees so that the merge
 * meets each file under the name git gives it, and names the conflicts renames alone make.
 * A pick that needs none of this pays one lookup per path it changes.
 */
final class PickRenames {

    /** The trees to merge, with the pick's files where git puts them, and the conflicts renames make. */
    record Placed(AnyObjectId base, AnyObjectId head, AnyObjectId pick, Set<String> conflicts) {
    }

    private final TreeEdits trees;
    private final RenameSearch search;

    PickRenames(TreeEdits trees, RenameSearch search) {
        this.trees = trees;
        this.search = search;
    }

    Placed place(AnyObjectId base, AnyObjectId head, AnyObjectId pick, List<DiffEntry> pickChanges)
            throws IOException {
        Unplaced unplaced = unplaced(base, head, pick, pickChanges);
        if (unplaced.isEmpty()) {
            return new Placed(base, head, pick, Set.of());
        }
        Map<String, String> pickRenames = unplaced.needsPickRenames()
                ? search.renames(ofType(pickChanges, ChangeType.DELETE), ofType(pickChanges, ChangeType.ADD))
                : Map.of();
        Map<String, String> branchRenames = unplaced.needsBranchRenames() ? branchRenames(base, head, unplaced)
                : Map.of();
        Translation translation = new Translation();
        translation.relocated.putAll(relocations(unplaced.addedByPick(), branchRenames));
        translation.relocated.putAll(relocations(unplaced.addedByBranch(), pickRenames));
        translation.conflicts.addAll(translation.relocated.values());
        for (DiffEntry change : unplaced.goneFromBranch()) {
            goneFromBranch(change, branchRenames, pickRenames, pick, translation);
        }
        for (Map.Entry<DiffEntry, Entry> changed : unplaced.changedOnBranch().entrySet()) {
            changedOnBranch(changed.getKey(), changed.getValue(), pickRenames, head, translation);
        }
        return new Placed(translated(base, translation.base), translated(head, translation.head),
                translated(pick, translation.pick), translation.conflicts);
    }

    /** Edits of the three trees, and conflicts found on the way. */
    private static final class Translation {
        final Map<String, Entry> base = new LinkedHashMap<>();
        final Map<String, Entry> head = new LinkedHashMap<>();
        final Map<String, Entry> pick = new LinkedHashMap<>();
        final Set<String> conflicts = new TreeSet<>();
        /** Files added inside a folder the other side renamed, to where git suggests moving them. */
        final Map<String, String> relocated = new LinkedHashMap<>();

        String located(String path) {
            return relocated.getOrDefault(path, path);
        }
    }

    /** The pick changes or deletes a file the branch lacks: the branch renamed or deleted it. */
    private void goneFromBranch(DiffEntry change, Map<String, String> branchRenames, Map<String, String> pickRenames,
            AnyObjectId pick, Translation translation) throws IOException {
        String path = change.getOldPath();
        String onBranch = branchRenames.get(path);
        if (change.getChangeType() == ChangeType.MODIFY) {
            if (onBranch == null) {
                return; // deleted on the branch: the merge reports modify/delete at the path
            }
            if (trees.find(pick, onBranch) != null) {
                translation.conflicts.add(onBranch); // the pick also adds what the branch renamed to
                return;
            }
            move(translation.base, path, onBranch, entry(change, true));
            move(translation.pick, path, onBranch, entry(change, false));
            return;
        }
        String inPick = pickRenames.get(path);
        if (onBranch != null && inPick != null) {
            if (onBranch.equals(inPick)) {
                move(translation.base, path, onBranch, entry(change, true));
            } else { // rename/rename
                translation.conflicts.addAll(List.of(path, translation.located(onBranch), translation.located(inPick)));
            }
        } else if (onBranch != null || inPick != null) { // rename/delete
            translation.conflicts.add(translation.located(onBranch != null ? onBranch : inPick));
        }
    }

    /** The pick deletes a file the branch changed: if the pick renamed it, the branch's change follows. */
    private void changedOnBranch(DiffEntry change, Entry onBranch, Map<String, String> pickRenames, AnyObjectId head,
            Translation translation) throws IOException {
        String path = change.getOldPath();
        String inPick = pickRenames.get(path);
        if (inPick == null) {
            return; // a plain deletion: the merge reports modify/delete
        }
        if (trees.find(head, inPick) != null) {
            translation.conflicts.add(inPick); // the branch added a file where the pick renames to
            return;
        }
        move(translation.base, path, inPick, entry(change, true));
        move(translation.head, path, inPick, onBranch);
    }

    /** Files added inside a folder the other side renamed: git names the conflict at the folder's new name. */
    private static Map<String, String> relocations(Map<String, List<String>> addedInRemovedFolders,
            Map<String, String> renames) {
        Map<String, String> relocated = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> added : addedInRemovedFolders.entrySet()) {
            for (String folder : added.getValue()) {
                String renamedTo = FolderRenames.target(folder, renames);
                if (renamedTo != null) {
                    String rest = added.getKey().substring(folder.length() + 1);
                    relocated.put(added.getKey(), renamedTo.isEmpty() ? rest : renamedTo + "/" + rest);
                    break;
                }
            }
        }
        return relocated;
    }

    private Map<String, String> branchRenames(AnyObjectId base, AnyObjectId head, Unplaced unplaced)
            throws IOException {
        List<DiffEntry> branchChanges = search.changes(base, head);
        Set<String> folders = new TreeSet<>();
        unplaced.addedByPick().values().forEach(folders::addAll);
        List<DiffEntry> sources = new ArrayList<>();
        for (DiffEntry change : ofType(branchChanges, ChangeType.DELETE)) {
            String path = change.getOldPath();
            if (unplaced.goneFromBranchPaths().contains(path) || FolderRenames.isUnderAny(path, folders)) {
                sources.add(change);
            }
        }
        return sources.isEmpty() ? Map.of()
                : search.renames(sources, ofType(branchChanges, ChangeType.DELETE), ofType(branchChanges, ChangeType.ADD));
    }

    private Unplaced unplaced(AnyObjectId base, AnyObjectId head, AnyObjectId pick, List<DiffEntry> pickChanges)
            throws IOException {
        Unplaced unplaced = new Unplaced();
        FolderPresence folders = new FolderPresence(trees, base);
        Set<String> removedByPick = new TreeSet<>();
        for (DiffEntry change : pickChanges) {
            switch (change.getChangeType()) {
                case MODIFY -> {
                    if (!isFile(trees.find(head, change.getOldPath()))) {
                        unplaced.goneFromBranch(change);
                    }
                }
                case DELETE -> {
                    Entry inHead = trees.find(head, change.getOldPath());
                    if (!isFile(inHead)) {
                        unplaced.goneFromBranch(change);
                    } else if (!inHead.id().equals(change.getOldId().toObjectId())
                            || inHead.mode().getBits() != change.getOldMode().getBits()) {
                        unplaced.changedOnBranch().put(change, inHead);
                    }
                    folders.topmostRemoved(change.getOldPath(), pick).ifPresent(removedByPick::add);
                }
                case ADD -> {
                    List<String> removed = folders.removedAround(change.getNewPath(), head);
                    if (!removed.isEmpty()) {
                        unplaced.addedByPick().put(change.getNewPath(), removed);
                    }
                }
                default -> {
                }
            }
        }
        for (String folder : removedByPick) {
            for (String added : folders.addedInside(folder, head, search)) {
                unplaced.addedByBranch().put(added, folders.removedAround(added, pick));
            }
        }
        return unplaced;
    }

    private static boolean isFile(Entry entry) {
        return entry != null && !entry.isTree();
    }

    private static Entry entry(DiffEntry change, boolean old) {
        return old ? new Entry("", change.getOldMode(), change.getOldId().toObjectId())
                : new Entry("", change.getNewMode(), change.getNewId().toObjectId());
    }

    private static void move(Map<String, Entry> edits, String from, String to, Entry entry) {
        edits.put(from, null);
        edits.put(to, entry);
    }

    private AnyObjectId translated(AnyObjectId tree, Map<String, Entry> edits) throws IOException {
        return edits.isEmpty() ? tree : trees.apply(tree, edits);
    }

    private static List<DiffEntry> ofType(List<DiffEntry> changes, ChangeType type) {
        return changes.stream().filter(c -> c.getChangeType() == type).toList();
    }
}
