package io.pushtrain.train.trunk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.internal.storage.file.FileRepository;
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
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import io.pushtrain.train.TrainException;

/**
 * Generates the demo trunk: a bare repository whose {@code refs/heads/main} has a few
 * hundred commits by eight people over ~150 files, identical for identical seeds.
 */
public final class DemoTrunk {

    public static final int DEFAULT_COMMITS = 300;
    static final int FILES = 150;
    /** Every this many commits, a later commit rewrites lines an earlier one wrote. */
    private static final int OVERLAP_EVERY = 25;
    /**
     * Every this many commits, a big change: a rewrite across many files, the kind the release
     * engineer looks at twice. 37 never falls between an overlap's two commits.
     */
    private static final int BIG_EVERY = 37;
    /** Monday 2024-03-04 09:00 in Menlo Park: the first commit's time. */
    private static final long START = 1_709_568_000L;

    /** Two trunk commits where {@code later} rewrites lines {@code earlier} wrote in {@code path}. */
    public record Overlap(ObjectId earlier, ObjectId later, String path) {
    }

    /** What was generated: the tip of main, every commit oldest first, and the planted overlaps. */
    public record History(ObjectId main, List<ObjectId> commits, List<Overlap> overlaps) {
    }

    private final Random random;
    private final DemoContent content;
    private final Map<String, List<String>> files = new TreeMap<>();
    private final Map<String, ObjectId> blobs = new TreeMap<>();
    private final List<ObjectId> commits = new ArrayList<>();
    private final List<Overlap> overlaps = new ArrayList<>();
    private long clock = START;

    private DemoTrunk(long seed) {
        this.random = new Random(seed);
        this.content = new DemoContent(random);
    }

    /** Creates a bare repository at {@code gitDir} with {@value #DEFAULT_COMMITS} commits on main. */
    public static History create(Path gitDir, long seed) {
        return create(gitDir, seed, DEFAULT_COMMITS);
    }

    public static History create(Path gitDir, long seed, int commitCount) {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build()) {
            repository.create(true);
            return new DemoTrunk(seed).write(repository, commitCount);
        } catch (IOException e) {
            throw new TrainException("could not create the demo trunk at " + gitDir + ": " + e.getMessage(), e);
        }
    }

    private History write(Repository repository, int commitCount) throws IOException {
        // One pack for the whole history: thousands of loose objects would take seconds to write.
        try (ObjectInserter inserter = ((FileRepository) repository).getObjectDatabase().newPackInserter()) {
            for (String path : content.initialPaths(FILES)) {
                files.put(path, content.initialLines());
            }
            ObjectId head = commit(inserter, null, 0, "Import the codebase\n\nSummary: Initial import of trunk.\n");
            Pending pending = null;
            for (int i = 1; i < commitCount; i++) {
                int author = random.nextInt(DemoContent.AUTHORS.length);
                if (pending != null && i == pending.dueAt()) {
                    head = rewriteOverlap(inserter, head, author, pending);
                    pending = null;
                    continue;
                }
                if (i % BIG_EVERY == 0) {
                    head = commit(inserter, head, author, bigChange(author));
                    continue;
                }
                String path = edit(author);
                head = commit(inserter, head, author, content.message(path, author));
                if (i % OVERLAP_EVERY == 0 && i + 3 < commitCount) {
                    pending = new Pending(head, path, firstEditedLine, i + 1 + random.nextInt(3));
                }
            }
            inserter.flush();
            pointMainAt(repository, head);
            return new History(head, List.copyOf(commits), List.copyOf(overlaps));
        }
    }

    /** A commit planned to rewrite the line an earlier commit wrote, so picking it alone conflicts. */
    private record Pending(ObjectId earlier, String path, String line, int dueAt) {
    }

    /** Appends a block of code to 22 files across the codebase: over 500 lines in one commit. */
    private String bigChange(int author) {
        List<String> paths = new ArrayList<>(files.keySet());
        java.util.Collections.shuffle(paths, random);
        List<String> touched = paths.subList(0, Math.min(22, paths.size()));
        for (String path : touched) {
            List<String> lines = files.get(path);
            for (int i = 0; i < 24; i++) {
                lines.add(content.codeLine());
            }
        }
        String first = touched.get(0);
        return "Rewrite " + first.substring(first.lastIndexOf('/') + 1) + " and " + (touched.size() - 1)
                + " other files for the new storage layer\n\nSummary: Moves every caller to the new client.\n";
    }

    /** The line the last edit wrote into the file its message names. */
    private String firstEditedLine;

    /** Rewrites 1–3 lines of 1–3 files in one area; returns the first file, which the message names. */
    private String edit(int author) {
        List<String> paths = new ArrayList<>(files.keySet());
        String first = paths.get(random.nextInt(paths.size()));
        String area = first.substring(0, first.lastIndexOf('/') + 1);
        List<String> sameArea = paths.stream().filter(p -> p.startsWith(area)).toList();
        int more = random.nextInt(3);
        firstEditedLine = editLines(first);
        for (int i = 0; i < more; i++) {
            editLines(sameArea.get(random.nextInt(sameArea.size())));
        }
        return first;
    }

    private String editLines(String path) {
        List<String> lines = files.get(path);
        int at = random.nextInt(lines.size());
        String written = content.codeLine() + " // " + commits.size();
        lines.set(at, written);
        if (random.nextBoolean()) {
            lines.add(at + 1, content.codeLine());
        }
        return written;
    }

    private ObjectId rewriteOverlap(ObjectInserter inserter, ObjectId head, int author, Pending pending)
            throws IOException {
        List<String> lines = files.get(pending.path());
        int at = lines.indexOf(pending.line());
        if (at < 0) {
            // A commit in between already rewrote that line; overlap with it instead.
            at = lines.size() - 1;
        }
        lines.set(at, content.codeLine() + " // follow-up to " + pending.earlier().abbreviate(7).name());
        ObjectId later = commit(inserter, head, author, content.message(pending.path(), author));
        overlaps.add(new Overlap(pending.earlier(), later, pending.path()));
        return later;
    }

    private ObjectId commit(ObjectInserter inserter, ObjectId parent, int author, String message) throws IOException {
        clock += 300 + random.nextInt(5_400);
        PersonIdent ident = content.author(author, clock);
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(writeTree(inserter));
        if (parent != null) {
            commit.setParentId(parent);
        }
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setMessage(message);
        ObjectId id = inserter.insert(commit);
        commits.add(id);
        return id;
    }

    private ObjectId writeTree(ObjectInserter inserter) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (Map.Entry<String, List<String>> file : files.entrySet()) {
            DirCacheEntry entry = new DirCacheEntry(file.getKey());
            entry.setFileMode(FileMode.REGULAR_FILE);
            entry.setObjectId(blob(inserter, file.getKey(), file.getValue()));
            builder.add(entry);
        }
        builder.finish();
        return index.writeTree(inserter);
    }

    /** Inserts a blob only when the file changed since the last commit. */
    private ObjectId blob(ObjectInserter inserter, String path, List<String> lines) throws IOException {
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ObjectId id = inserter.idFor(Constants.OBJ_BLOB, bytes);
        if (!id.equals(blobs.get(path))) {
            inserter.insert(Constants.OBJ_BLOB, bytes);
            blobs.put(path, id);
        }
        return id;
    }

    private static void pointMainAt(Repository repository, ObjectId head) throws IOException {
        RefUpdate main = repository.updateRef(Constants.R_HEADS + "main");
        main.setNewObjectId(head);
        main.setExpectedOldObjectId(ObjectId.zeroId());
        RefUpdate.Result result = main.update();
        if (result != RefUpdate.Result.NEW) {
            throw new TrainException("could not create main in the demo trunk: " + result);
        }
        repository.getRefDatabase().newUpdate(Constants.HEAD, false).link(Constants.R_HEADS + "main");
    }
}
