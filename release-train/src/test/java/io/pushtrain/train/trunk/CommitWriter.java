package io.pushtrain.train.trunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** Writes test commits straight from maps of path to content, with a clock that ticks per commit. */
final class CommitWriter {

    /** A file in a test tree: its bytes and its mode (regular or executable). */
    record FileSpec(byte[] bytes, FileMode mode) {

        static FileSpec text(String text) {
            return new FileSpec(text.getBytes(StandardCharsets.UTF_8), FileMode.REGULAR_FILE);
        }

        FileSpec withMode(FileMode newMode) {
            return new FileSpec(bytes, newMode);
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static final PersonIdent ALICE = ident("Alice Author", "alice@example.com", 1_700_000_000L);

    private final Repository repository;
    private long clock = 1_700_000_000L;

    CommitWriter(Repository repository) {
        this.repository = repository;
    }

    static PersonIdent ident(String name, String email, long epochSeconds) {
        return new PersonIdent(name, email, Instant.ofEpochSecond(epochSeconds), ZoneOffset.ofHours(2));
    }

    static Map<String, FileSpec> texts(String... pathsAndContents) {
        Map<String, FileSpec> files = new TreeMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], FileSpec.text(pathsAndContents[i + 1]));
        }
        return files;
    }

    ObjectId commit(Map<String, FileSpec> files, String message, ObjectId... parents) {
        clock += 60;
        return commit(files, message, ident("Alice Author", "alice@example.com", clock), parents);
    }

    ObjectId commit(Map<String, FileSpec> files, String message, PersonIdent author, ObjectId... parents) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree(inserter, files));
            commit.setParentIds(parents);
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectId tree(ObjectInserter inserter, Map<String, FileSpec> files) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (Map.Entry<String, FileSpec> file : new TreeMap<>(files).entrySet()) {
            DirCacheEntry entry = new DirCacheEntry(file.getKey());
            entry.setFileMode(file.getValue().mode());
            entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue().bytes()));
            builder.add(entry);
        }
        builder.finish();
        return index.writeTree(inserter);
    }

    void branch(String name, ObjectId id) {
        try {
            RefUpdate update = repository.updateRef(Constants.R_HEADS + name);
            update.setNewObjectId(id);
            update.forceUpdate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
