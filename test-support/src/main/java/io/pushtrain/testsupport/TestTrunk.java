package io.pushtrain.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
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

/** A bare trunk repository that a test writes commits into, as developers would push them. */
public final class TestTrunk implements AutoCloseable {

    private final Repository repository;
    private final Map<String, String> files = new TreeMap<>();
    private ObjectId head = ObjectId.zeroId();
    private int clock;

    private TestTrunk(Repository repository) {
        this.repository = repository;
    }

    public static TestTrunk create(Path dir) {
        try {
            Git git = Git.init().setBare(true).setGitDir(dir.toFile()).setInitialBranch("main").call();
            return new TestTrunk(git.getRepository());
        }
        catch (GitAPIException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A trunk in a fresh temporary folder, where the server under test also keeps its data
     * ({@link #serveTo}): one folder per test class, nothing shared between them.
     */
    public static TestTrunk inTempFolder(String name) {
        try {
            return create(java.nio.file.Files.createTempDirectory(name).resolve("remote.git"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Points the server under test at this trunk, with its data folder next to it. */
    public void serveTo(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("pushtrain.trunk.remote", this::url);
        registry.add("pushtrain.data-dir",
                () -> repository.getDirectory().toPath().resolveSibling("data").toString());
    }

    public String url() {
        return repository.getDirectory().toURI().toString();
    }

    /** Commits the given files (null content deletes) on main as {@code author}. */
    public ObjectId commit(String author, String message, Map<String, String> changes) {
        changes.forEach((path, content) -> {
            if (content == null) {
                files.remove(path);
            }
            else {
                files.put(path, content);
            }
        });
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, String> file : files.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(file.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8)));
                builder.add(entry);
            }
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (!head.equals(ObjectId.zeroId())) {
                commit.setParentId(head);
            }
            PersonIdent who = new PersonIdent(author, author + "@example.com",
                    Instant.parse("2026-11-01T10:00:00Z").plusSeconds(60L * clock++), ZoneOffset.UTC);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef("refs/heads/main");
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(head);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                throw new IllegalStateException("main did not move: " + result);
            }
            head = id;
            return id;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Where a branch points in this repository, if it exists: what pushtrain pushed back. */
    public java.util.Optional<ObjectId> branch(String name) {
        try {
            return java.util.Optional.ofNullable(repository.exactRef("refs/heads/" + name))
                .map(org.eclipse.jgit.lib.Ref::getObjectId);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
