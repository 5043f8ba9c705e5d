package io.pushtrain.train.trunk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;

import io.pushtrain.train.trunk.TreeEdits.Entry;

/**
 * A three-way merge of trees whose cost follows the change, not the tree: a folder that one
 * side left as it was is taken from the other side by its id, unread, and only folders both
 * sides changed are opened. The few entries both sides changed differently go to JGit's
 * ResolveMerger, on trees that hold only those entries (and the {@code .gitattributes} above
 * them, which steer its content merge), and its result is written back into the merged tree.
 * So the answer is ResolveMerger's, at the price of the paths that needed it.
 */
final class TreeMerge {

    /** The merged tree, or null with the conflicting paths. */
    record Result(ObjectId tree, Set<String> conflicts) {

        boolean clean() {
            return tree != null;
        }
    }

    /** One path both sides changed differently, as each of the three trees has it (null: absent). */
    private record Contested(Entry base, Entry head, Entry pick) {
    }

    private final ObjectInserter inserter;
    private final Config config;
    private final TreeEdits trees;

    TreeMerge(ObjectInserter inserter, Config config, TreeEdits trees) {
        this.inserter = inserter;
        this.config = config;
        this.trees = trees;
    }

    Result merge(AnyObjectId base, AnyObjectId head, AnyObjectId pick) throws IOException {
        Map<String, Contested> contested = new TreeMap<>();
        ObjectId merged = mergeFolder("", base, head, pick, contested);
        if (merged == null) {
            merged = emptyTree();
        }
        if (contested.isEmpty()) {
            return new Result(merged, Set.of());
        }
        return resolve(merged, contested, head, pick, base);
    }

    /** @return the merged folder, or null when nothing is left in it */
    private ObjectId mergeFolder(String prefix, AnyObjectId base, AnyObjectId head, AnyObjectId pick,
            Map<String, Contested> contested) throws IOException {
        if (same(head, pick) || same(base, pick)) {
            return copy(head);
        }
        if (same(base, head)) {
            return copy(pick);
        }
        Map<String, Entry[]> byName = new TreeMap<>();
        collect(byName, base, 0);
        collect(byName, head, 1);
        collect(byName, pick, 2);
        List<Entry> result = new ArrayList<>();
        for (Map.Entry<String, Entry[]> named : byName.entrySet()) {
            Entry merged = mergeEntry(prefix + named.getKey(), named.getValue(), contested);
            if (merged != null) {
                result.add(new Entry(named.getKey(), merged.mode(), merged.id()));
            }
        }
        return result.isEmpty() ? null : trees.write(result);
    }

    private Entry mergeEntry(String path, Entry[] sides, Map<String, Contested> contested) throws IOException {
        Entry base = sides[0];
        Entry head = sides[1];
        Entry pick = sides[2];
        if (same(head, pick) || same(base, pick)) {
            return head;
        }
        if (same(base, head)) {
            return pick;
        }
        if (isTree(head) && isTree(pick) && (base == null || isTree(base))) {
            ObjectId folder = mergeFolder(path + "/", base == null ? null : base.id(), head.id(), pick.id(), contested);
            return folder == null ? null : new Entry("", FileMode.TREE, folder);
        }
        contested.put(path, new Contested(base, head, pick));
        return head; // a stand-in: the content merge below writes the real entry
    }

    /** The contested paths merged by ResolveMerger on trees holding only them, then written back. */
    private Result resolve(ObjectId merged, Map<String, Contested> contested, AnyObjectId head, AnyObjectId pick,
            AnyObjectId base) throws IOException {
        Map<String, Entry> baseOnly = new LinkedHashMap<>();
        Map<String, Entry> headOnly = new LinkedHashMap<>();
        Map<String, Entry> pickOnly = new LinkedHashMap<>();
        for (Map.Entry<String, Contested> path : contested.entrySet()) {
            baseOnly.put(path.getKey(), path.getValue().base());
            headOnly.put(path.getKey(), path.getValue().head());
            pickOnly.put(path.getKey(), path.getValue().pick());
            for (String attributes : attributesAbove(path.getKey())) {
                baseOnly.putIfAbsent(attributes, trees.find(base, attributes));
                headOnly.putIfAbsent(attributes, trees.find(head, attributes));
                pickOnly.putIfAbsent(attributes, trees.find(pick, attributes));
            }
        }
        ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, config);
        merger.setBase(trees.apply(null, baseOnly));
        if (!merger.merge(false, trees.apply(null, headOnly), trees.apply(null, pickOnly))) {
            Set<String> conflicts = new TreeSet<>(merger.getUnmergedPaths());
            if (merger.getFailingPaths() != null) {
                conflicts.addAll(merger.getFailingPaths().keySet());
            }
            return new Result(null, conflicts);
        }
        ObjectId resolved = merger.getResultTreeId();
        Map<String, Entry> writeBack = new LinkedHashMap<>();
        for (String path : contested.keySet()) {
            writeBack.put(path, trees.find(resolved, path));
        }
        return new Result(trees.apply(merged, writeBack), Set.of());
    }

    private static List<String> attributesAbove(String path) {
        List<String> files = new ArrayList<>();
        for (String folder = RenameSearch.parent(path); ; folder = RenameSearch.parent(folder)) {
            files.add(folder.isEmpty() ? Constants.DOT_GIT_ATTRIBUTES : folder + "/" + Constants.DOT_GIT_ATTRIBUTES);
            if (folder.isEmpty()) {
                return files;
            }
        }
    }

    private void collect(Map<String, Entry[]> byName, AnyObjectId tree, int side) throws IOException {
        if (tree == null) {
            return;
        }
        for (Entry entry : trees.entries(tree)) {
            byName.computeIfAbsent(entry.name(), k -> new Entry[3])[side] = entry;
        }
    }

    private ObjectId emptyTree() throws IOException {
        return inserter.insert(Constants.OBJ_TREE, new byte[0]);
    }

    private static boolean isTree(Entry entry) {
        return entry != null && entry.isTree();
    }

    private static boolean same(Entry a, Entry b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.mode().getBits() == b.mode().getBits() && a.id().equals(b.id());
    }

    private static boolean same(AnyObjectId a, AnyObjectId b) {
        return a == null ? b == null : b != null && a.equals(b);
    }

    private static ObjectId copy(AnyObjectId id) {
        return id == null ? null : id.copy();
    }
}
