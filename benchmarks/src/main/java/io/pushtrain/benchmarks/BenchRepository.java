package io.pushtrain.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Writes the benchmark's repository straight into an existing git directory: a base commit
 * with many files (deterministic from a seed), a release branch cut at it, then a trunk of
 * small commits that each touch 1–5 files.
 */
final class BenchRepository {

    /** The base commit (where the release was cut) and the trunk commits after it, oldest first. */
    record Layout(ObjectId base, List<ObjectId> trunk) {
    }

    private static final int FOLDERS = 50;
    private static final int SUBFOLDERS = 20;

    private final Random random;
    private final TreeModel tree = new TreeModel();
    private final List<String> paths = new ArrayList<>();
    private final List<List<String>> contents = new ArrayList<>();
    private long clock = 1_715_000_000L;

    BenchRepository(long seed) {
        this.random = new Random(seed);
    }

    Layout write(Path gitDir, int files, int trunkCommits) throws IOException {
        try (FileRepository repository = (FileRepository) new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build();
                ObjectInserter inserter = repository.getObjectDatabase().newPackInserter()) {
            ObjectId base = commit(inserter, baseTree(inserter, files), null, "Import trunk\n");
            List<ObjectId> trunk = new ArrayList<>();
            ObjectId head = base;
            for (int i = 0; i < trunkCommits; i++) {
                head = commit(inserter, change(inserter), head, "Trunk change " + (i + 1) + "\n\nSummary: small fix.\n");
                trunk.add(head);
            }
            inserter.flush();
            setBranch(repository, "main", head);
            setBranch(repository, "release", base);
            return new Layout(base, trunk);
        }
    }

    private ObjectId baseTree(ObjectInserter inserter, int files) throws IOException {
        int perFolder = Math.max(1, files / (FOLDERS * SUBFOLDERS));
        for (int i = 0; i < files; i++) {
            int folder = i / (SUBFOLDERS * perFolder) % FOLDERS;
            int sub = i / perFolder % SUBFOLDERS;
            String path = String.format("module%02d/pkg%02d/File%05d.java", folder, sub, i);
            List<String> lines = new ArrayList<>();
            for (int l = 0; l < 20; l++) {
                lines.add("    int value" + l + " = " + random.nextInt(1_000_000) + ";");
            }
            paths.add(path);
            contents.add(lines);
            tree.put(path, blob(inserter, lines));
        }
        return tree.write(inserter);
    }

    /** Rewrites one line in each of 1–5 random files. */
    private ObjectId change(ObjectInserter inserter) throws IOException {
        int touched = 1 + random.nextInt(5);
        for (int f = 0; f < touched; f++) {
            int file = random.nextInt(paths.size());
            List<String> lines = contents.get(file);
            lines.set(random.nextInt(lines.size()), "    int changed = " + random.nextInt(1_000_000) + ";");
            tree.put(paths.get(file), blob(inserter, lines));
        }
        return tree.write(inserter);
    }

    private static ObjectId blob(ObjectInserter inserter, List<String> lines) throws IOException {
        return inserter.insert(Constants.OBJ_BLOB, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private ObjectId commit(ObjectInserter inserter, ObjectId treeId, ObjectId parent, String message)
            throws IOException {
        clock += 600;
        PersonIdent author = new PersonIdent("Bench Author", "bench@example.com", Instant.ofEpochSecond(clock),
                ZoneOffset.UTC);
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(treeId);
        if (parent != null) {
            commit.setParentId(parent);
        }
        commit.setAuthor(author);
        commit.setCommitter(author);
        commit.setMessage(message);
        return inserter.insert(commit);
    }

    private static void setBranch(FileRepository repository, String name, ObjectId id) throws IOException {
        RefUpdate update = repository.updateRef(Constants.R_HEADS + name);
        update.setNewObjectId(id);
        update.forceUpdate();
    }
}
