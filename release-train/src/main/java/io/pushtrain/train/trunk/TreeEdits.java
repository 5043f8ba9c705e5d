package io.pushtrain.train.trunk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Trees read and written one folder at a time: an edit by path rewrites only the folders on
 * that path and keeps every other subtree by its id, so its cost follows the edit, not the tree.
 */
final class TreeEdits {

    /** One entry of a folder: a file, a symlink, a submodule or a subtree. */
    record Entry(String name, FileMode mode, ObjectId id) {

        boolean isTree() {
            return FileMode.TREE.equals(mode);
        }
    }

    /** git's order of a folder's entries: by name, a subtree compared as if its name ended in '/'. */
    static final Comparator<Entry> GIT_ORDER = (a, b) -> compareNames(a.name(), a.isTree(), b.name(), b.isTree());

    /** Folders read so far, by id; a tree id names its content for ever, so this never goes stale. */
    private final Map<ObjectId, Map<String, Entry>> folders = new HashMap<>();
    private final ObjectReader reader;
    private final ObjectInserter inserter;

    TreeEdits(ObjectReader reader, ObjectInserter inserter) {
        this.reader = reader;
        this.inserter = inserter;
    }

    /** The entries of a folder, in git's order; none for a null tree. */
    List<Entry> entries(AnyObjectId tree) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (tree == null || tree.equals(ObjectId.zeroId())) {
            return entries;
        }
        CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
        for (; !parser.eof(); parser.next()) {
            entries.add(new Entry(parser.getEntryPathString(), parser.getEntryFileMode(), parser.getEntryObjectId()));
        }
        return entries;
    }

    /** Writes a folder from its entries (any order); the empty folder when there are none. */
    ObjectId write(List<Entry> entries) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(GIT_ORDER);
        TreeFormatter formatter = new TreeFormatter();
        for (Entry entry : sorted) {
            formatter.append(entry.name(), entry.mode(), entry.id());
        }
        return inserter.insert(formatter);
    }

    /** The entry at a path of a tree, or null when the tree has nothing there. */
    Entry find(AnyObjectId tree, String path) throws IOException {
        AnyObjectId folder = tree;
        String[] names = path.split("/");
        for (int i = 0; i < names.length; i++) {
            Entry entry = child(folder, names[i]);
            if (entry == null || i == names.length - 1) {
                return entry;
            }
            if (!entry.isTree()) {
                return null;
            }
            folder = entry.id();
        }
        return null;
    }

    /**
     * The tree with each path set to its entry, or removed where the entry is null; folders that
     * end up empty disappear, as git never records an empty folder.
     */
    ObjectId apply(AnyObjectId tree, Map<String, Entry> edits) throws IOException {
        ObjectId edited = applyIn(tree, new TreeMap<>(edits));
        return edited == null ? inserter.insert(Constants.OBJ_TREE, new byte[0]) : edited;
    }

    /** @return null when the folder ends up empty */
    private ObjectId applyIn(AnyObjectId tree, TreeMap<String, Entry> edits) throws IOException {
        Map<String, Entry> byName = new TreeMap<>();
        for (Entry entry : entries(tree)) {
            byName.put(entry.name(), entry);
        }
        Map<String, TreeMap<String, Entry>> deeper = new TreeMap<>();
        for (Map.Entry<String, Entry> edit : edits.entrySet()) {
            String path = edit.getKey();
            int slash = path.indexOf('/');
            if (slash < 0) {
                putOrRemove(byName, path, edit.getValue());
            } else {
                deeper.computeIfAbsent(path.substring(0, slash), k -> new TreeMap<>())
                        .put(path.substring(slash + 1), edit.getValue());
            }
        }
        for (Map.Entry<String, TreeMap<String, Entry>> folder : deeper.entrySet()) {
            Entry existing = byName.get(folder.getKey());
            ObjectId subtree = applyIn(existing != null && existing.isTree() ? existing.id() : null, folder.getValue());
            putOrRemove(byName, folder.getKey(),
                    subtree == null ? null : new Entry(folder.getKey(), FileMode.TREE, subtree));
        }
        return byName.isEmpty() ? null : write(new ArrayList<>(byName.values()));
    }

    private static void putOrRemove(Map<String, Entry> byName, String name, Entry entry) {
        if (entry == null) {
            byName.remove(name);
        } else {
            byName.put(name, new Entry(name, entry.mode(), entry.id()));
        }
    }

    private Entry child(AnyObjectId folder, String name) throws IOException {
        Map<String, Entry> byName = folders.get(folder);
        if (byName == null) {
            if (folders.size() > 10_000) {
                folders.clear();
            }
            byName = new HashMap<>();
            for (Entry entry : entries(folder)) {
                byName.put(entry.name(), entry);
            }
            folders.put(folder.copy(), byName);
        }
        return byName.get(name);
    }

    static int compareNames(String a, boolean aTree, String b, boolean bTree) {
        byte[] x = Constants.encode(a);
        byte[] y = Constants.encode(b);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        int xNext = x.length > n ? x[n] & 0xff : aTree ? '/' : 0;
        int yNext = y.length > n ? y[n] & 0xff : bTree ? '/' : 0;
        return xNext - yNext;
    }
}
