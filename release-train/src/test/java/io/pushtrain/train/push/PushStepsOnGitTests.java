package io.pushtrain.train.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import io.pushtrain.train.PickState;
import io.pushtrain.train.StepState;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.pushtrain.train.push.GitPushFixture.BRANCH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps that work on the release branch and the build, on real git repositories and a real
 * build command, with the push ledger in memory: merge, land and build, run once and run again
 * as after a crash.
 */
class PushStepsOnGitTests {

    @TempDir
    Path dir;

    GitPushFixture push;
    ObjectId fixLogin;
    ObjectId fixLoginAgain;
    ObjectId tuneCache;

    @BeforeEach
    void trunk() {
        push = new GitPushFixture(dir);
        fixLogin = push.trunkCommit("alice", "Fix the login page", Map.of("a.txt", "A1\n"));
        fixLoginAgain = push.trunkCommit("alice", "Fix the login page again", Map.of("a.txt", "A2\n"));
        tuneCache = push.trunkCommit("carol", "Tune the cache", Map.of("c.txt", "C1\n"));
    }

    @AfterEach
    void close() {
        push.close();
    }

    @Test
    void mergePicksOntoACandidateInMemoryAndLeavesTheBranchWhereItIs() {
        push.cut(null);
        PickEntity cache = push.confirmedPick(tuneCache, "carol");
        PickEntity login = push.confirmedPick(fixLoginAgain, "alice");

        StepResult result = push.merge();

        String head = push.ledger.push(push.run().id()).headCommit();
        assertThat(result.state()).isEqualTo(StepState.DONE);
        assertThat(result.detail()).isEqualTo("1 merged, 1 conflicted; candidate head " + head.substring(0, 10));
        assertThat(cache.state()).isEqualTo(PickState.MERGED);
        assertThat(login.state()).as("its change needs a trunk commit the branch lacks").isEqualTo(PickState.CONFLICT);
        assertThat(login.conflictingPaths()).containsExactly("a.txt");
        assertThat(push.trunk().head(BRANCH)).as("only the land step moves the branch").hasValue(push.base());
        assertThat(push.trunk().isAncestor(push.base(), ObjectId.fromString(head))).isTrue();
    }

    @Test
    void mergeRunAgainAfterACrashKeepsTheCandidateItRecorded() {
        push.cut(null);
        push.confirmedPick(tuneCache, "carol");
        MergeStep merge = push.mergeStep();

        StepResult first = merge.run(push.run());
        StepResult again = merge.run(push.run());

        assertThat(again).isEqualTo(first);
        assertThat(push.batchesComputed).as("the batch is computed once").hasValue(1);
    }

    @Test
    void landMovesTheBranchToTheCandidateAndPublishesItAndFindsItThereWhenRunAgain() {
        push.cut(null);
        PickEntity cache = push.confirmedPick(tuneCache, "carol");
        push.merge();
        LandStep land = new LandStep(push.ledger, push.trunk(), PushProbe.NONE);

        StepResult landed = land.run(push.run());
        StepResult again = land.run(push.run());

        ObjectId picked = ObjectId.fromString(cache.pickedCommit());
        assertThat(landed).isEqualTo(StepResult.done(BRANCH + " moved to " + picked.abbreviate(10).name()));
        assertThat(again).isEqualTo(landed);
        assertThat(push.trunk().head(BRANCH)).hasValue(picked);
        assertThat(push.remote.branch(BRANCH)).hasValue(picked);
        assertThat(push.remote.branch(TrunkMirror.LATEST)).hasValue(picked);
    }

    @Test
    void landRefusesABranchThatMovedWhileThePushRan() {
        push.cut(null);
        push.confirmedPick(tuneCache, "carol");
        push.merge();
        assertThat(push.trunk().moveBranch(BRANCH, push.base(), fixLogin)).isTrue();

        StepResult result = new LandStep(push.ledger, push.trunk(), PushProbe.NONE).run(push.run());

        assertThat(result).isEqualTo(StepResult.failed(BRANCH + " moved while the push ran (expected "
                + push.base().abbreviate(10).name() + ", found " + fixLogin.abbreviate(10).name()
                + "); its picks go back to the queue"));
        assertThat(push.remote.branch(BRANCH)).as("nothing was published").hasValue(push.base());
    }

    @Test
    void buildRunsTheCommandInACheckoutOfTheCandidateAndStoresTheArtifactHashedOnce() throws IOException {
        String command = "cat c.txt > app.bin && echo built && echo app.bin";
        push.cut(command);
        push.confirmedPick(tuneCache, "carol");
        push.merge();
        BuildStep build = build(command);

        StepResult built = build.run(push.run());
        StepResult again = build.run(push.run());

        PushEntity after = push.ledger.push(push.run().id());
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
        push.cut(command);
        push.confirmedPick(tuneCache, "carol");
        push.merge();

        StepResult result = build(command).run(push.run());

        assertThat(result.state()).isEqualTo(StepState.FAILED);
        assertThat(result.detail()).startsWith("the build exited with 3: the linker ran out of memory (see ")
            .endsWith("build.log)");
        assertThat(push.ledger.push(push.run().id()).artifactSha256()).isNull();
    }

    @Test
    void aBuildThatNamesNoFileFailsAndSaysHowToNameOne() {
        push.cut("echo done");
        push.confirmedPick(tuneCache, "carol");
        push.merge();

        StepResult result = build("echo done").run(push.run());

        assertThat(result).isEqualTo(StepResult.failed("the build printed no artifact path that exists (last line: "
                + "done); print it last or write it to $PUSHTRAIN_ARTIFACT_FILE"));
    }

    private BuildStep build(String command) {
        return new BuildStep(push.ledger, push.trunk(), push.properties(command), push.tx(), PushProbe.NONE);
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
}
