package io.pushtrain.benchmarks.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pushtrain.benchmarks.TreeModel;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The bare trunk remote both nodes mirror: a first commit of many small files, then the commits
 * developers make during the week, written straight into the bare repository as a push to trunk
 * would leave them. The last module is kept for conflict pairs, so a normal pick never conflicts
 * with a commit that was not picked.
 */
final class ClusterTrunk implements AutoCloseable {

    private static final int FOLDERS = 50;
    private static final int SUBFOLDERS = 20;
    private static final int LINES = 20;
    private static final Pattern PICKED_FROM = Pattern.compile("\\(cherry picked from commit ([0-9a-f]{40})\\)");

    private final Repository repository;
    private final Random random;
    private final TreeModel tree = new TreeModel();
    private final List<String> paths = new ArrayList<>();
    private final List<List<String>> contents = new ArrayList<>();
    private final int normalFiles;
    private int nextConflictFile;
    private ObjectId head;
    private long clock = 1_780_000_000L;

    private ClusterTrunk(Repository repository, long seed, int files) throws IOException {
        this.repository = repository;
        this.random = new Random(seed);
        int perFolder = Math.max(1, files / (FOLDERS * SUBFOLDERS));
        try (ObjectInserter inserter = ((FileRepository) repository).getObjectDatabase().newPackInserter()) {
            for (int i = 0; i < files; i++) {
                int folder = i / (SUBFOLDERS * perFolder) % FOLDERS;
                int sub = i / perFolder % SUBFOLDERS;
                String path = String.format("module%02d/pkg%02d/File%05d.java", folder, sub, i);
                List<String> lines = new ArrayList<>();
                for (int l = 0; l < LINES; l++) {
                    lines.add("    int value" + l + " = " + random.nextInt(1_000_000) + ";");
                }
                paths.add(path);
                contents.add(lines);
                tree.put(path, blob(inserter, lines));
            }
            head = commit(inserter, tree.write(inserter), null, "Import trunk\n", "Trunk Import");
            inserter.flush();
        }
        this.normalFiles = files - files / FOLDERS;
        this.nextConflictFile = normalFiles;
        moveTrunk();
    }

    /** A new bare repository at {@code gitDir} holding a trunk of {@code files} files on {@code main}. */
    static ClusterTrunk create(Path gitDir, int files, long seed) throws Exception {
        Repository repository = Git.init().setBare(true).setGitDir(gitDir.toFile()).setInitialBranch("main").call()
            .getRepository();
        return new ClusterTrunk(repository, seed, files);
    }

    String uri() {
        return repository.getDirectory().toURI().toString();
    }

    int files() {
        return paths.size();
    }

    /** A developer's commit on trunk touching 1–3 files, each one line: what a pick usually is. */
    synchronized String commit(String developer, int number) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            int touched = 1 + random.nextInt(3);
            for (int f = 0; f < touched; f++) {
                change(inserter, random.nextInt(normalFiles), "fix" + number);
            }
            head = commit(inserter, tree.write(inserter), head, "Fix " + number + " in the week's load\n\n"
                    + "Summary: a small fix that must ship before the next train.\n", developer);
            inserter.flush();
        }
        moveTrunk();
        return head.name();
    }

    /**
     * Two commits on one line of a file of their own: the first is never picked, so a pick of the
     * second conflicts with the release branch. Answers the second.
     */
    synchronized String conflicting(String developer, int number) throws IOException {
        int file = nextConflictFile++;
        int line = random.nextInt(LINES);
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            contents.get(file).set(line, "    int first" + number + " = 1;");
            tree.put(paths.get(file), blob(inserter, contents.get(file)));
            head = commit(inserter, tree.write(inserter), head, "Rework " + number + " (not picked)\n", developer);
            contents.get(file).set(line, "    int second" + number + " = 2;");
            tree.put(paths.get(file), blob(inserter, contents.get(file)));
            head = commit(inserter, tree.write(inserter), head, "Fix " + number + " on top of the rework\n", developer);
            inserter.flush();
        }
        moveTrunk();
        return head.name();
    }

    /** How many times each trunk commit was cherry-picked onto {@code branch} since trunk's first commit. */
    Map<String, Integer> pickedOnto(String branch) throws IOException {
        Map<String, Integer> times = new HashMap<>();
        ObjectId tip = repository.resolve(Constants.R_HEADS + branch);
        if (tip == null) {
            return times;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(tip));
            for (RevCommit commit : walk) {
                Matcher matcher = PICKED_FROM.matcher(commit.getFullMessage());
                while (matcher.find()) {
                    times.merge(matcher.group(1), 1, Integer::sum);
                }
            }
        }
        return times;
    }

    private void change(ObjectInserter inserter, int file, String tag) throws IOException {
        List<String> lines = contents.get(file);
        lines.set(random.nextInt(lines.size()), "    int " + tag + " = " + random.nextInt(1_000_000) + ";");
        tree.put(paths.get(file), blob(inserter, lines));
    }

    private static ObjectId blob(ObjectInserter inserter, List<String> lines) throws IOException {
        return inserter.insert(Constants.OBJ_BLOB, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private ObjectId commit(ObjectInserter inserter, ObjectId treeId, ObjectId parent, String message, String who)
            throws IOException {
        clock += 60;
        PersonIdent author = new PersonIdent(who, who + "@example.com", Instant.ofEpochSecond(clock), ZoneOffset.UTC);
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

    private void moveTrunk() throws IOException {
        RefUpdate update = repository.updateRef(Constants.R_HEADS + "main");
        update.setNewObjectId(head);
        update.forceUpdate();
    }

    @Override
    public void close() {
        repository.close();
    }
}
