package io.pushtrain.benchmarks.history;

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

import io.pushtrain.benchmarks.GitCli;
import io.pushtrain.train.trunk.CherryPicker;
import io.pushtrain.train.trunk.Pick;
import io.pushtrain.train.trunk.PickOutcome;
import io.pushtrain.train.trunk.PickStatus;

/**
 * The oracle on real history: every backport on a repository's release branches (git's
 * {@code (cherry picked from commit …)} trailer naming a trunk commit) is picked again onto its
 * real parent by pushtrain ({@code CherryPicker.compute}, a batch of one) and by
 * {@code git cherry-pick -x} in a worktree, and the verdicts are compared. git's checkout of
 * the parent is not timed; pushtrain's time is the median of three runs of the pick.
 * <p>
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar io.pushtrain.benchmarks.history.RealHistoryOracle
 * --repo PATH --trunk main --branches release/1.7,release/2.0 [--work DIR] [--limit N]}
 */
public final class RealHistoryOracle {

    private RealHistoryOracle() {
    }

    /** One pick and both verdicts. */
    record Row(RealPick pick, Verdict ours, Verdict git, Agreement agreement, boolean gitShipped) {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Path work = options.containsKey("work") ? Files.createDirectories(Path.of(options.get("work")))
                : Files.createTempDirectory("pushtrain-oracle");
        int limit = Integer.parseInt(options.getOrDefault("limit", "100000"));
        Path clone = work.resolve("clone");
        Path home = Files.createDirectories(work.resolve("home"));
        if (!Files.exists(clone)) {
            // A shared clone borrows the repository's objects: seconds, and the original is never written.
            new GitCli(work, home).run("clone", "-q", "--shared", "--no-checkout", options.get("repo"), clone.toString());
        }
        GitCli git = new GitCli(clone, home);
        List<Row> rows = new ArrayList<>();
        try (Repository repository = new FileRepositoryBuilder().setGitDir(clone.resolve(".git").toFile()).build()) {
            String trunk = refName(repository, options.getOrDefault("trunk", "main"));
            for (String branch : options.get("branches").split(",")) {
                RealPicks.Found found = RealPicks.find(repository, trunk, refName(repository, branch), branch);
                System.out.printf("%s: %d backports of trunk commits (%d trailers name no trunk commit, %d a merge)%n",
                        branch, found.picks().size(), found.notOnTrunk(), found.merges());
                for (RealPick pick : found.picks().subList(0, Math.min(limit, found.picks().size()))) {
                    rows.add(compare(repository, git, pick));
                }
            }
        }
        Report.print(rows);
    }

    private static Row compare(Repository repository, GitCli git, RealPick pick) throws IOException {
        Verdict ours = pushtrain(repository, pick);
        Verdict theirs = gitVerdict(git, pick);
        Agreement agreement = Agreement.of(ours, theirs);
        boolean shipped = theirs.status() == PickStatus.PICKED && theirs.tree().equals(tree(repository, pick.shipped()));
        if (agreement != Agreement.AGREE || !ours.paths().equals(theirs.paths())) {
            System.out.printf("  %s: %s onto %s (%s): pushtrain %s %s, git %s %s%n", agreement.label,
                    pick.original().name(), pick.parent().name(), pick.branch(), ours.status(), ours.paths(),
                    theirs.status(), theirs.paths());
        }
        return new Row(pick, ours, theirs, agreement, shipped);
    }

    private static Verdict pushtrain(Repository repository, RealPick pick) throws IOException {
        PersonIdent train = new PersonIdent("pushtrain train", "train@pushtrain.invalid",
                Instant.ofEpochSecond(1_715_600_000L), ZoneOffset.UTC);
        CherryPicker picker = new CherryPicker(repository, () -> train);
        long[] times = new long[3];
        PickOutcome outcome = null;
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            outcome = picker.compute(pick.parent(), List.of(Pick.of(pick.original()))).outcomes().get(0);
            times[i] = System.nanoTime() - start;
        }
        ObjectId tree = outcome.status() == PickStatus.PICKED ? tree(repository, outcome.commit()) : null;
        return new Verdict(outcome.status(), tree, outcome.conflictingPaths(), median(times));
    }

    private static Verdict gitVerdict(GitCli git, RealPick pick) {
        git.attempt("cherry-pick", "--quit");
        git.run("reset", "-q", "--hard");
        git.run("clean", "-q", "-ffdx");
        git.run("checkout", "-q", "-f", "--detach", pick.parent().name());
        long start = System.nanoTime();
        GitCli.Run run = git.attempt("cherry-pick", "-x", pick.original().name());
        long nanos = System.nanoTime() - start;
        if (run.exit() == 0) {
            return new Verdict(PickStatus.PICKED, ObjectId.fromString(git.run("rev-parse", "HEAD^{tree}")), List.of(),
                    nanos);
        }
        String unmerged = git.run("diff", "--name-only", "--diff-filter=U");
        if (!unmerged.isBlank()) {
            return new Verdict(PickStatus.CONFLICT, null, Arrays.stream(unmerged.split("\n")).sorted().toList(), nanos);
        }
        if (run.out().contains("empty")) {
            return new Verdict(PickStatus.EMPTY, null, List.of(), nanos);
        }
        System.out.printf("  git failed on %s: %s%n", pick.original().name(), run.out().strip());
        return Verdict.failed(nanos);
    }

    private static ObjectId tree(Repository repository, ObjectId commit) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(commit).getTree().copy();
        }
    }

    /** A branch of the repository, or of the repository it was cloned from. */
    private static String refName(Repository repository, String name) throws IOException {
        for (String candidate : List.of(name, "refs/remotes/origin/" + name)) {
            if (repository.resolve(candidate) != null) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no branch " + name + " in " + repository.getDirectory());
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("repo", "branches")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required; see the class comment for usage");
            }
        }
        return options;
    }
}
