package io.pushtrain.train;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pushtrain.perf.Verdict;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.trunk.TrunkMirror;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tests and Perflab on a generated repository whose test script fails for a file that says
 * "broken", is flaky where a file says so, and whose benchmark is 10% slower where slow.txt
 * exists (with 2% noise): the steps find the culprit picks, hold them back and ship the rest.
 */
@Tag("slow")
@DirtiesContext
@SpringBootTest(properties = { "pushtrain.push.tick=200ms", "pushtrain.test.tick=200ms",
        "pushtrain.schedule.enabled=false", "pushtrain.test.commands=sh run-tests.sh",
        "pushtrain.test.reports=reports/*.xml", "pushtrain.perf.command=sh bench.sh", "pushtrain.perf.threshold=3%",
        "pushtrain.perf.min-runs=8", "pushtrain.perf.max-runs=16" })
class TestsAndPerflabIntegrationTests {

    /** One JUnit test per feature file; a file that says "broken" fails; flaky.txt fails on a first run only. */
    static final String TEST_SCRIPT = """
            mkdir -p reports
            {
              echo '<?xml version="1.0" encoding="UTF-8"?>'
              echo '<testsuite name="features">'
              for f in feature-*.txt; do
                [ -e "$f" ] || continue
                if grep -q broken "$f"; then
                  echo "<testcase classname=\\"features\\" name=\\"$f\\"><failure message=\\"$f is broken\\"/></testcase>"
                else
                  echo "<testcase classname=\\"features\\" name=\\"$f\\"/>"
                fi
              done
              if [ -e flaky.txt ]; then
                if [ -e .flaky-ran ]; then
                  echo '<testcase classname="features" name="sometimes"/>'
                else
                  touch .flaky-ran
                  echo '<testcase classname="features" name="sometimes"><failure message="timing"/></testcase>'
                fi
              fi
              echo '</testsuite>'
            } > reports/TEST-features.xml
            """;

    /** render_ms around 100 with 2% noise, 10% more where slow.txt exists. */
    static final String BENCHMARK = """
            slow=1; [ -e slow.txt ] && slow=1.10
            seed=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
            awk -v s="$seed" -v slow="$slow" 'BEGIN { srand(s); u1 = rand(); u2 = rand(); if (u1 < 1e-9) u1 = 1e-9;
              z = sqrt(-2 * log(u1)) * cos(6.283185307 * u2); printf "render_ms %.4f ms\\n", 100 * slow * (1 + 0.02 * z) }'
            """;

    static TestTrunk remote;
    static ObjectId base;
    static final List<ObjectId> features = new ArrayList<>();
    static ObjectId flaky;
    static ObjectId plainOne;
    static ObjectId slowdown;
    static ObjectId plainTwo;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("tests-and-perflab");
        base = remote.commit("ann", "Start the app with tests and a benchmark",
                Map.of("run-tests.sh", TEST_SCRIPT, "bench.sh", BENCHMARK, "README", "app\n"));
        String[] people = { "alice", "bob", "carol", "dave" };
        for (int i = 1; i <= 8; i++) {
            String content = i == 5 ? "broken on purpose\n" : "works\n";
            features.add(remote.commit(people[i % 4], "Feature " + i, Map.of("feature-" + i + ".txt", content)));
        }
        flaky = remote.commit("erin", "A test that depends on timing", Map.of("flaky.txt", "yes\n"));
        plainOne = remote.commit("alice", "Tidy the docs", Map.of("docs.txt", "tidy\n"));
        slowdown = remote.commit("bob", "Render every avatar twice", Map.of("slow.txt", "twice\n"));
        plainTwo = remote.commit("carol", "Fix a typo", Map.of("typo.txt", "fixed\n"));
        remote.serveTo(registry);
    }

    @AfterAll
    static void closeRemote() {
        remote.close();
    }

    @Autowired
    Trains trains;

    @Autowired
    Picks picks;

    @Autowired
    Pushes pushes;

    @Autowired
    TestResults testResults;

    @Autowired
    Perflab perflab;

    @Autowired
    TrunkMirror trunk;

    @Test
    void bisectionAmongEightPicksFindsTheOneThatBreaksATestAndTheOtherSevenShip() throws IOException {
        TrainView train = trains.cut(base.name(), "re", true);
        List<PickView> requested = features.stream().map(this::confirmedPick).toList();

        PushView push = runPush(train);

        assertThat(push.state()).as(push.detail()).isEqualTo(PushState.DONE);
        PickView culprit = picks.get(requested.get(4).id());
        assertThat(culprit.state()).isEqualTo(PickState.FAILED_TESTS);
        assertThat(culprit.failedTests()).singleElement().asString().contains("feature-5.txt");
        for (int i = 0; i < 8; i++) {
            if (i != 4) {
                assertThat(picks.get(requested.get(i).id()).state()).as("pick of feature " + (i + 1))
                    .isEqualTo(PickState.SHIPPED);
            }
        }
        List<String> shipped = new ArrayList<>(features.stream().map(ObjectId::name).toList());
        shipped.remove(4);
        java.util.Collections.reverse(shipped);
        assertThat(BranchPicks.since(trunk, train.branch(), ObjectId.fromString(train.cutCommit())))
            .containsExactlyElementsOf(shipped);
        List<TestRunView> runs = testResults.forPush(push.id());
        // the batch, at most log2(8) + 1 prefixes, then the batch without the culprit
        assertThat(runs).hasSizeBetween(3, 6);
        assertThat(runs.get(runs.size() - 1).state()).isEqualTo(TestRunState.PASSED);
        assertThat(runs.get(runs.size() - 1).picks()).hasSize(7).doesNotContain(culprit.id());
        assertThat(runs.get(runs.size() - 1).tests()).isEqualTo(7);
    }

    @Test
    void aFlakyTestIsReportedAndDoesNotHoldThePickBack() {
        TrainView train = trains.cut(base.name(), "re", true);
        PickView pick = confirmedPick(flaky);

        PushView push = runPush(train);

        assertThat(push.state()).as(push.detail()).isEqualTo(PushState.DONE);
        assertThat(picks.get(pick.id()).state()).isEqualTo(PickState.SHIPPED);
        List<TestRunView> runs = testResults.forPush(push.id());
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.state()).isEqualTo(TestRunState.PASSED);
            assertThat(run.flaky()).singleElement().asString().contains("sometimes");
            assertThat(run.broken()).isEmpty();
        });
        assertThat(step(push, "test").detail()).contains("flaky").contains("sometimes");
    }

    @Test
    void aTenPercentSlowdownIsHeldBackAndAnOverrideLetsItShipWithItsReason() {
        TrainView train = trains.cut(base.name(), "re", true);
        PickView first = confirmedPick(plainOne);
        PickView slow = confirmedPick(slowdown);
        PickView last = confirmedPick(plainTwo);

        PushView push = runPush(train);

        assertThat(push.state()).as(push.detail()).isEqualTo(PushState.DONE);
        assertThat(picks.get(slow.id()).state()).isEqualTo(PickState.PERF_REGRESSION);
        assertThat(picks.get(slow.id()).detail()).contains("render_ms");
        assertThat(picks.get(first.id()).state()).isEqualTo(PickState.SHIPPED);
        assertThat(picks.get(last.id()).state()).isEqualTo(PickState.SHIPPED);
        PerfComparisonView whole = perflab.forPush(push.id()).get(0);
        assertThat(whole.regressed()).isTrue();
        assertThat(whole.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Verdict.Kind.REGRESSION);
            assertThat(v.effect()).isBetween(0.05, 0.15);
        });
        assertThat(perflab.forCommit(slowdown.name())).isNotEmpty();

        PickView overridden = picks.overridePerf(slow.id(), "re", "the new avatars are worth 10%");
        assertThat(overridden.state()).isEqualTo(PickState.APPROVED);
        assertThat(overridden.perfOverride()).isEqualTo("re: the new avatars are worth 10%");
        picks.confirm(slow.id(), slow.requester());

        PushView again = runPush(train);

        assertThat(again.state()).as(again.detail()).isEqualTo(PushState.DONE);
        assertThat(picks.get(slow.id()).state()).isEqualTo(PickState.SHIPPED);
        assertThat(step(again, "perf").detail()).contains("accepted by re").contains("worth 10%");
        assertThat(perflab.forPush(again.id()).get(0).verdicts()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Verdict.Kind.REGRESSION);
            assertThat(v.overrideBy()).isEqualTo("re");
            assertThat(v.overrideReason()).isEqualTo("the new avatars are worth 10%");
        });
    }

    @Test
    void anUnchangedBuildIsNotFlagged() {
        TrainView train = trains.cut(base.name(), "re", true);
        PickView pick = confirmedPick(plainOne);

        PushView push = runPush(train);

        assertThat(push.state()).as(push.detail()).isEqualTo(PushState.DONE);
        assertThat(picks.get(pick.id()).state()).isEqualTo(PickState.SHIPPED);
        assertThat(perflab.forPush(push.id())).singleElement().satisfies(c -> {
            assertThat(c.regressed()).isFalse();
            assertThat(c.verdicts()).singleElement().satisfies(v -> assertThat(v.kind())
                .isEqualTo(Verdict.Kind.NO_CHANGE));
        });
        assertThat(step(push, "perf").detail()).startsWith("Compared the candidate with 1 pick (")
            .contains("runs of each, side by side").contains("render_ms: no change.").doesNotContain("NO_CHANGE");
    }

    @Test
    void onlyAPickHeldBackForPerfCanBeOverriddenAndOnlyWithAReason() {
        trains.cut(base.name(), "re", true);
        PickView pick = confirmedPick(plainTwo);

        assertThatThrownBy(() -> picks.overridePerf(pick.id(), "re", " "))
            .isInstanceOf(TrainException.Invalid.class);
        assertThatThrownBy(() -> picks.overridePerf(pick.id(), "re", "because"))
            .isInstanceOf(TrainException.Refused.class).hasMessageContaining("CONFIRMED");
        assertThatThrownBy(() -> perflab.forCommit("not-a-commit")).isInstanceOf(TrainException.Invalid.class);
    }

    private PushView runPush(TrainView train) {
        long id = pushes.start(train.id(), PushKind.PICKS, "re").id();
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
            .until(() -> pushes.get(id), p -> p.state() != PushState.RUNNING);
    }

    private PickView confirmedPick(ObjectId commit) {
        String requester = "dev" + (commit.name().charAt(0) % 5);
        PickView pick = picks.request(new PickRequest(commit.name(), "needed", null, requester)).pick();
        picks.approve(pick.id(), "re", null);
        return picks.confirm(pick.id(), requester);
    }

    private static StepView step(PushView push, String name) {
        return push.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
