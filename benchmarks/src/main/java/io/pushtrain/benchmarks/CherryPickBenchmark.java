package io.pushtrain.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import io.pushtrain.train.trunk.BatchResult;
import io.pushtrain.train.trunk.CherryPicker;
import io.pushtrain.train.trunk.Pick;
import io.pushtrain.train.trunk.PickStatus;

/**
 * The day's picks on a big repository: pushtrain's in-memory CherryPicker against a naive
 * release tool that runs one {@code git cherry-pick -x} process per pick in a worktree.
 * Usage: {@code java -jar benchmarks/target/benchmarks.jar [--files N] [--picks N] [--rounds N] [--dir PATH]}
 */
public final class CherryPickBenchmark {

    private CherryPickBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        int files = Integer.parseInt(options.getOrDefault("files", "50000"));
        int picks = Integer.parseInt(options.getOrDefault("picks", "300"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        Path dir = options.containsKey("dir") ? Path.of(options.get("dir"))
                : Files.createTempDirectory("pushtrain-bench");
        Path worktree = Files.createDirectories(dir.resolve("repo"));
        GitCli git = new GitCli(worktree, Files.createDirectories(dir.resolve("home")));

        long started = System.nanoTime();
        git.run("init", "-q");
        BenchRepository.Layout layout = new BenchRepository(2024).write(worktree.resolve(".git"), files, picks);
        System.out.printf("repository: %,d files, %d trunk commits, written in %.1f s%n", files, picks,
                seconds(System.nanoTime() - started));
        started = System.nanoTime();
        git.run("checkout", "-q", "-f", "-B", "git-picks", layout.base().name());
        System.out.printf("git checkout of the release branch: %.1f s%n", seconds(System.nanoTime() - started));

        List<Pick> batch = layout.trunk().stream().map(Pick::of).toList();
        List<Round> results = new ArrayList<>();
        try (Repository repository = new FileRepositoryBuilder().setGitDir(worktree.resolve(".git").toFile()).build()) {
            for (int round = 1; round <= rounds; round++) {
                results.add(round(round, repository, git, layout.base(), batch));
            }
        }
        report(results, picks);
    }

    /** One round's figures, all in nanoseconds. */
    record Round(long pushtrainBatch, long pushtrainMedianPick, long gitTotal, long gitMedianPick, boolean sameTree) {
    }

    private static Round round(int number, Repository repository, GitCli git, ObjectId base, List<Pick> batch)
            throws IOException {
        CherryPicker picker = new CherryPicker(repository, () -> new PersonIdent("pushtrain train",
                "train@pushtrain.invalid", Instant.ofEpochSecond(1_715_600_000L), ZoneOffset.UTC));

        // (a1) the way the push runs it: one batch, one inserter/reader/walk.
        long start = System.nanoTime();
        BatchResult result = picker.compute(base, batch);
        long pushtrainBatch = System.nanoTime() - start;
        long landed = result.outcomes().stream().filter(o -> o.status() == PickStatus.PICKED).count();

        // (a2) per pick: each pick a batch of one, so every pick pays the setup too.
        long[] pushtrainPicks = new long[batch.size()];
        ObjectId head = base;
        for (int i = 0; i < batch.size(); i++) {
            start = System.nanoTime();
            head = picker.compute(head, List.of(batch.get(i))).newHead();
            pushtrainPicks[i] = System.nanoTime() - start;
        }

        // (b) the naive tool: one git process per pick, in a worktree.
        git.run("reset", "-q", "--hard", base.name());
        long[] gitPicks = new long[batch.size()];
        long gitStart = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            start = System.nanoTime();
            git.run("cherry-pick", "-x", batch.get(i).commit().name());
            gitPicks[i] = System.nanoTime() - start;
        }
        long gitTotal = System.nanoTime() - gitStart;

        String gitTree = git.run("rev-parse", "HEAD^{tree}");
        String ourTree = tree(repository, result.newHead());
        String perPickTree = tree(repository, head);
        boolean same = gitTree.equals(ourTree) && gitTree.equals(perPickTree);
        Round round = new Round(pushtrainBatch, median(pushtrainPicks), gitTotal, median(gitPicks), same);
        System.out.printf("round %d: pushtrain batch %.2f s (%d/%d landed), per pick median %.1f ms;"
                + " git total %.1f s, per pick median %.1f ms; trees %s (%s)%n", number, seconds(pushtrainBatch),
                landed, batch.size(), millis(round.pushtrainMedianPick()), seconds(gitTotal),
                millis(round.gitMedianPick()), same ? "identical" : "DIFFER", gitTree);
        return round;
    }

    private static void report(List<Round> rounds, int picks) {
        long batch = median(rounds.stream().mapToLong(Round::pushtrainBatch).toArray());
        long ourPick = median(rounds.stream().mapToLong(Round::pushtrainMedianPick).toArray());
        long gitTotal = median(rounds.stream().mapToLong(Round::gitTotal).toArray());
        long gitPick = median(rounds.stream().mapToLong(Round::gitMedianPick).toArray());
        boolean same = rounds.stream().allMatch(Round::sameTree);
        System.out.println();
        System.out.printf("medians over %d rounds, %d picks each%n", rounds.size(), picks);
        System.out.printf("  pushtrain, one batch:        %8.2f s total, %6.1f ms per pick (mean)%n", seconds(batch),
                millis(batch) / picks);
        System.out.printf("  pushtrain, batches of one:   %8s         %6.1f ms per pick (median)%n", "",
                millis(ourPick));
        System.out.printf("  git cherry-pick -x per pick: %8.2f s total, %6.1f ms per pick (median)%n",
                seconds(gitTotal), millis(gitPick));
        System.out.printf("  ratio per pick (git / pushtrain batches of one): %.1fx%n", (double) gitPick / ourPick);
        System.out.printf("  ratio total (git / pushtrain one batch):         %.1fx%n", (double) gitTotal / batch);
        System.out.println("  final trees identical: " + (same ? "yes" : "NO"));
        if (!same) {
            System.exit(1);
        }
    }

    private static String tree(Repository repository, ObjectId commit) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(commit).getTree().name();
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
