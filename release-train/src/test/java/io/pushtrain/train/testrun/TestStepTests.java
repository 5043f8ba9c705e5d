package io.pushtrain.train.testrun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pushtrain.train.PickState;
import io.pushtrain.train.StepState;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.push.GitPushFixture;
import io.pushtrain.train.push.StepResult;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test step's bisection, on a real batch of picks, with the tests a rule: a candidate breaks
 * {@code LoginTest} when it holds the bad pick. Each run of the step does one thing, as it does
 * while shards run on other nodes.
 */
class TestStepTests {

    @TempDir
    Path dir;

    GitPushFixture push;
    final List<PickEntity> picks = new ArrayList<>();
    final RuleTests tests = new RuleTests();

    @BeforeEach
    void fourPicks() {
        push = new GitPushFixture(dir);
        List<ObjectId> commits = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            commits.add(push.trunkCommit("dev" + i, "Change " + i, Map.of("f" + i + ".txt", i + "\n")));
        }
        push.cut(null);
        for (int i = 0; i < commits.size(); i++) {
            picks.add(push.confirmedPick(commits.get(i), "dev" + (i + 1)));
        }
        push.merge();
    }

    @AfterEach
    void close() {
        push.close();
    }

    @Test
    void aBrokenCandidateIsBisectedToThePickThatBrokeItWhichIsHeldBackAndTheRestIsTestedAgain() {
        tests.badPick = picks.get(2).id();
        TestStep step = new TestStep(tests, push.picks(), push.properties(null), push.tx());

        StepResult held = step.run(push.run());
        StepResult done = step.run(push.run());

        assertThat(held.state()).isEqualTo(StepState.RUNNING);
        assertThat(held.detail()).startsWith("pick " + picks.get(2).id() + " broke LoginTest; testing the rest");
        assertThat(picks.get(2).state()).isEqualTo(PickState.FAILED_TESTS);
        assertThat(picks.get(2).outcomeDetail()).contains("broke LoginTest").contains("bisecting push 1");
        assertThat(picks.get(2).failedTestNames()).containsExactly("LoginTest");
        assertThat(done.state()).isEqualTo(StepState.DONE);
        assertThat(done.detail()).startsWith("12 tests passed on ");
        assertThat(push.picks().landing(push.run().id())).containsExactly(picks.get(0), picks.get(1), picks.get(3));
        assertThat(picks).extracting(PickEntity::state).containsExactly(PickState.TESTED, PickState.TESTED,
                PickState.FAILED_TESTS, PickState.TESTED);
        assertThat(tests.asked).as("the whole batch, then halves: 4, 2, 3, then 3 picks without the culprit")
            .containsExactly(4, 2, 3, 3);
    }

    @Test
    void aStepRunWhileShardsStillRunWaitsAndSaysWhatItTests() {
        tests.finished = false;
        TestStep step = new TestStep(tests, push.picks(), push.properties(null), push.tx());

        StepResult waiting = step.run(push.run());

        assertThat(waiting.state()).isEqualTo(StepState.RUNNING);
        assertThat(waiting.detail()).startsWith("testing ").endsWith(" with 4 picks (0 of 1 shard runs done)");
        assertThat(picks).extracting(PickEntity::state).containsOnly(PickState.MERGED);
    }

    @Test
    void aBranchThatFailsWithoutAnyPickFailsThePushAndBlamesNobody() {
        tests.branchBroken = true;
        TestStep step = new TestStep(tests, push.picks(), push.properties(null), push.tx());

        StepResult failed = step.run(push.run());

        assertThat(failed).isEqualTo(StepResult.failed("the release branch fails its tests without any pick: "
                + "LoginTest"));
        assertThat(picks).extracting(PickEntity::state).containsOnly(PickState.MERGED);
    }

    /** Tests as a rule over the picks a candidate holds. */
    static final class RuleTests implements CandidateTests {

        Long badPick;
        boolean branchBroken;
        boolean finished = true;
        final List<Integer> asked = new ArrayList<>();

        @Override
        public Outcome of(long pushId, ObjectId commit, List<PickEntity> candidate) {
            asked.add(candidate.size());
            boolean broken = branchBroken || candidate.stream().anyMatch(p -> p.id().equals(badPick));
            return new Outcome(finished, broken ? List.of("LoginTest") : List.of(), List.of(), 12,
                    finished ? 1 : 0, 1);
        }

        @Override
        public int[] counts(long pushId) {
            return new int[] { finished ? asked.size() : 0, asked.size() };
        }
    }
}
