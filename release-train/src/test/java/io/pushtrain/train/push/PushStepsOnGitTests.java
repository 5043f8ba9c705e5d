package io.pushtrain.train.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.pushtrain.karma.KarmaStanding;
import io.pushtrain.karma.Offence;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.StepState;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps that work on the release branch and the build, on real git repositories and a real
 * build command, with the push ledger in memory: merge, land and build, run once and run again
 * as after a crash.
 */
class PushStepsOnGitTests {

    static final Instant NOW = Instant.parse("2026-12-02T11:00:00Z");
    static final String BRANCH = "release/2026-11-29";

    @TempDir
    Path dir;

    final InMemoryPushLedger ledger = new InMemoryPushLedger();
    final List<Object> events = new ArrayList<>();
    final TransactionTemplate tx = new TransactionTemplate(new NoTransactions());
    final AtomicInteger picksComputed = new AtomicInteger();
    final PushEntity push = ledger.push(1, PushKind.PICKS, NOW);
    final PushRun run = new PushRun(push.id(), 1, BRANCH, PushKind.PICKS);

    TestTrunk remote;
    CandidatePicker picker;
    TrunkMirror trunk;
    ObjectId base;
    ObjectId tuneCache;
    ObjectId fixLogin;
    ObjectId fixLoginAgain;

    @AfterEach
    void close() {
        if (trunk != null) {
            trunk.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    @Test
    void mergePicksOntoACandidateInMemoryAndLeavesTheBranchWhereItIs() {
        PushPicks picks = trainWithTrunk(null);
        PickEntity cache = confirmed(picks, tuneCache, "carol");
        PickEntity login = confirmed(picks, fixLoginAgain, "alice");

        StepResult result = merge(picks).run(run);

        String head = ledger.push(push.id()).headCommit();
        assertThat(result.state()).isEqualTo(StepState.DONE);
        assertThat(result.detail()).isEqualTo("1 merged, 1 conflicted; candidate head " + head.substring(0, 10));
        assertThat(cache.state()).isEqualTo(PickState.MERGED);
        assertThat(login.state()).as("its change needs a trunk commit the branch lacks").isEqualTo(PickState.CONFLICT);
        assertThat(login.conflictingPaths()).containsExactly("a.txt");
        assertThat(trunk.head(BRANCH)).as("only the land step moves the branch").hasValue(base);
        assertThat(trunk.isAncestor(base, ObjectId.fromString(head))).isTrue();
    }

    @Test
    void mergeRunAgainAfterACrashKeepsTheCandidateItRecorded() {
        PushPicks picks = trainWithTrunk(null);
        confirmed(picks, tuneCache, "carol");
        MergeStep merge = merge(picks);

        StepResult first = merge.run(run);
        StepResult again = merge.run(run);

        assertThat(again).isEqualTo(first);
        assertThat(picksComputed).as("the batch is computed once").hasValue(1);
    }

    @Test
    void landMovesTheBranchToTheCandidateAndPublishesItAndFindsItThereWhenRunAgain() {
        PushPicks picks = trainWithTrunk(null);
        PickEntity cache = confirmed(picks, tuneCache, "carol");
        merge(picks).run(run);
        LandStep land = new LandStep(ledger, trunk, PushProbe.NONE);

        StepResult landed = land.run(run);
        StepResult again = land.run(run);

        ObjectId picked = ObjectId.fromString(cache.pickedCommit());
        assertThat(landed).isEqualTo(StepResult.done(BRANCH + " moved to " + picked.abbreviate(10).name()));
        assertThat(again).isEqualTo(landed);
        assertThat(trunk.head(BRANCH)).hasValue(picked);
        assertThat(remote.branch(BRANCH)).hasValue(picked);
        assertThat(remote.branch(TrunkMirror.LATEST)).hasValue(picked);
    }

    @Test
    void landRefusesABranchThatMovedWhileThePushRan() {
        PushPicks picks = trainWithTrunk(null);
        confirmed(picks, tuneCache, "carol");
        merge(picks).run(run);
        assertThat(trunk.moveBranch(BRANCH, base, fixLogin)).isTrue();

        StepResult result = new LandStep(ledger, trunk, PushProbe.NONE).run(run);

        assertThat(result).isEqualTo(StepResult.failed(BRANCH + " moved while the push ran (expected "
                + base.abbreviate(10).name() + ", found " + fixLogin.abbreviate(10).name()
                + "); its picks go back to the queue"));
        assertThat(remote.branch(BRANCH)).as("nothing was published").hasValue(base);
    }

    @Test
    void buildRunsTheCommandInACheckoutOfTheCandidateAndStoresTheArtifactHashedOnce() throws IOException {
        PushPicks picks = trainWithTrunk("cat c.txt > app.bin && echo built && echo app.bin");
        confirmed(picks, tuneCache, "carol");
        merge(picks).run(run);
        BuildStep build = build("cat c.txt > app.bin && echo built && echo app.bin");

        StepResult built = build.run(run);
        StepResult again = build.run(run);

        PushEntity after = ledger.push(push.id());
        Path artifact = Path.of(after.artifactPath());
        assertThat(Files.readString(artifact)).as("built from the candidate, not the branch").isEqualTo("C1\n");
        assertThat(after.artifactSha256()).isEqualTo(sha256("C1\n"));
        assertThat(built).isEqualTo(StepResult.done("built app.bin (3 bytes, sha256 "
                + sha256("C1\n").substring(0, 12) + ")"));
        assertThat(again).isEqualTo(StepResult.done("already built: " + artifact));
    }

    @Test
    void aBuildThatExitsNonZeroFailsWithItsLastLineAndStoresNothing() {
        String command = "echo compiling && echo 'the linker ran out of memory' && exit 3";
        PushPicks picks = trainWithTrunk(command);
        confirmed(picks, tuneCache, "carol");
        merge(picks).run(run);

        StepResult result = build(command).run(run);

        assertThat(result.state()).isEqualTo(StepState.FAILED);
        assertThat(result.detail()).startsWith("the build exited with 3: the linker ran out of memory (see ")
            .endsWith("build.log)");
        assertThat(ledger.push(push.id()).artifactSha256()).isNull();
    }

    @Test
    void aBuildThatNamesNoFileFailsAndSaysHowToNameOne() {
        PushPicks picks = trainWithTrunk("echo done");
        confirmed(picks, tuneCache, "carol");
        merge(picks).run(run);

        StepResult result = build("echo done").run(run);

        assertThat(result).isEqualTo(StepResult.failed("the build printed no artifact path that exists (last line: "
                + "done); print it last or write it to $PUSHTRAIN_ARTIFACT_FILE"));
    }

    private PushPicks trainWithTrunk(String buildCommand) {
        remote = TestTrunk.create(dir.resolve("remote.git"));
        base = remote.commit("ann", "Start the app", Map.of("a.txt", "a1\n", "c.txt", "c1\n"));
        fixLogin = remote.commit("alice", "Fix the login page", Map.of("a.txt", "A1\n"));
        fixLoginAgain = remote.commit("alice", "Fix the login page again", Map.of("a.txt", "A2\n"));
        tuneCache = remote.commit("carol", "Tune the cache", Map.of("c.txt", "C1\n"));
        trunk = TrunkMirror.open(properties(buildCommand));
        assertThat(trunk.createBranch(BRANCH, base)).isTrue();
        trunk.publish(BRANCH);
        picker = (from, batch, at) -> {
            picksComputed.incrementAndGet();
            return new TrunkCandidatePicker(trunk).pick(from, batch, at);
        };
        return new PushPicks(ledger, picker, new FiveStars(), events::add, java.time.Clock.fixed(NOW,
                java.time.ZoneOffset.UTC), true);
    }

    private PickEntity confirmed(PushPicks picks, ObjectId commit, String requester) {
        PickEntity pick = ledger.approvedPick(1, commit.name(), requester, NOW);
        picks.take(push.id(), 1);
        pick.confirm(NOW);
        return pick;
    }

    private MergeStep merge(PushPicks picks) {
        return new MergeStep(ledger, picks, picker, trunk, tx, PushProbe.NONE);
    }

    private BuildStep build(String command) {
        return new BuildStep(ledger, trunk, properties(command), tx, PushProbe.NONE);
    }

    private TrainProperties properties(String buildCommand) {
        return new TrainProperties(dir.resolve("data"), ZoneId.of("UTC"), false,
                new TrainProperties.Trunk(remote.url(), "main", Duration.ofMinutes(5)),
                new TrainProperties.Schedule("0 0 18 ? * SUN", "0 0 11 ? * TUE", List.of(), false),
                new TrainProperties.Push(Duration.ofMinutes(30), Duration.ofSeconds(30), 6, Duration.ofSeconds(10),
                        Duration.ofMinutes(5)),
                new TrainProperties.Build(buildCommand, Duration.ofMinutes(1)),
                new TrainProperties.Test(List.of(), "**/TEST-*.xml", 1, Duration.ofMinutes(30), Duration.ofSeconds(60)),
                new TrainProperties.Perf(null, null, "3%", 8, 30, Duration.ofMinutes(10), Duration.ZERO));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static final class FiveStars implements RequesterKarma {

        @Override
        public KarmaStanding standing(String requester) {
            return new KarmaStanding(requester, 5, false, requester + " has 5 stars");
        }

        @Override
        public void penalize(String requester, Offence offence, String detail) {
        }
    }

    /** The steps' transactions are the database's business; in memory there is nothing to commit. */
    static final class NoTransactions extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
