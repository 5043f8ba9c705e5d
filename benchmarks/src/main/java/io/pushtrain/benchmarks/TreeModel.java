package io.pushtrain.benchmarks;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * A tree of 50,000 files kept in memory, so that a commit touching three files rewrites
 * three paths of trees instead of hashing every tree again (as a DirCache rebuild would).
 */
public final class TreeModel {

    private final Map<String, Object> children = new TreeMap<>();
    private ObjectId written;

    /** Sets path to blob, creating folders; invalidates the trees above it. */
    public void put(String path, ObjectId blob) {
        written = null;
        int slash = path.indexOf('/');
        if (slash < 0) {
            children.put(path, blob);
            return;
        }
        String dir = path.substring(0, slash);
        TreeModel sub = (TreeModel) children.computeIfAbsent(dir + "/", k -> new TreeModel());
        sub.put(path.substring(slash + 1), blob);
    }

    /** Writes the trees that changed since the last write; returns the root tree id. */
    public ObjectId write(ObjectInserter inserter) throws IOException {
        if (written != null) {
            return written;
        }
        // Keys of folders end in '/', which is exactly git's tree order for ASCII names.
        TreeFormatter tree = new TreeFormatter();
        for (Map.Entry<String, Object> child : children.entrySet()) {
            String name = child.getKey();
            if (child.getValue() instanceof TreeModel sub) {
                tree.append(name.substring(0, name.length() - 1), FileMode.TREE, sub.write(inserter));
            } else {
                tree.append(name, FileMode.REGULAR_FILE, (ObjectId) child.getValue());
            }
        }
        written = inserter.insert(tree);
        return written;
    }
}
