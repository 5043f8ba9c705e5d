package io.pushtrain.train;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.pushtrain.train.push.PushProbe;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.trunk.TrunkMirror;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A push stopped dead at every point where a crash would hurt resumes on the next tick and
 * ends with every pick applied exactly once.
 */
@Tag("slow")
@DirtiesContext
@SpringBootTest(properties = { "pushtrain.push.tick=200ms", "pushtrain.schedule.enabled=false",
        "pushtrain.build.command=tar czf ../app.tar.gz . && echo ../app.tar.gz", "pushtrain.test.tick=200ms",
        "pushtrain.test.commands=mkdir -p r && echo '<testsuite name=\"s\"><testcase name=\"t\"/></testsuite>' > r/TEST-s.xml",
        "pushtrain.test.reports=r/*.xml", "pushtrain.perf.command=echo 'start 1.0 ms'", "pushtrain.perf.min-runs=5",
        "pushtrain.perf.max-runs=5" })
class PushCrashIntegrationTests {

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId editA;
    static ObjectId editC;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("push-crash");
        base = remote.commit("ann", "Start the app", Map.of("a.txt", "a1\na2\n", "c.txt", "c1\n"));
        editA = remote.commit("alice", "Fix the login page", Map.of("a.txt", "a1\nA2\n"));
        editC = remote.commit("carol", "Tune the cache", Map.of("c.txt", "c1 tuned\n"));
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
    TrunkMirror trunk;

    @Autowired
    CrashingProbe probe;

    @ParameterizedTest
    @ValueSource(strings = { "select:started", "select:ran", "presence:started", "presence:ran", "merge:started",
            "merge:outcomes-recorded", "merge:ran", "test:started", "test:ran", "perf:started", "perf:ran",
            "build:started", "build:built", "build:ran", "land:started", "land:branch-moved", "land:ran",
            "distribute:started", "distribute:ran", "done:started", "done:ran" })
    void aPushKilledAtThisPointResumesWithEveryPickAppliedOnce(String point) throws IOException {
        TrainView train = trains.cut(base.name(), "re", true);
        PickView a = confirmedPick(editA, "alice");
        PickView c = confirmedPick(editC, "carol");
        probe.arm(point);

        long id = pushes.start(train.id(), PushKind.PICKS, "re").id();
        PushView push = await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> pushes.get(id), p -> p.state() != PushState.RUNNING);

        assertThat(probe.crashed()).as("the push passed " + point).containsExactly(point);
        assertThat(push.state()).as(push.detail()).isEqualTo(PushState.DONE);
        assertThat(push.steps()).allSatisfy(s -> assertThat(s.state()).isIn(StepState.DONE, StepState.SKIPPED));
        assertThat(push.steps()).filteredOn(s -> s.name().equals("test") || s.name().equals("perf"))
            .extracting(StepView::state).containsExactly(StepState.DONE, StepState.DONE);
        assertThat(picks.get(a.id()).state()).isEqualTo(PickState.SHIPPED);
        assertThat(picks.get(c.id()).state()).isEqualTo(PickState.SHIPPED);
        assertThat(BranchPicks.since(trunk, train.branch(), base)).containsExactly(editC.name(), editA.name());
        assertThat(push.artifact()).isNotNull();
        assertThat(Path.of(push.artifact().path())).isRegularFile();
    }

    private PickView confirmedPick(ObjectId commit, String requester) {
        PickView pick = picks.request(new PickRequest(commit.name(), "crash drill", null, requester)).pick();
        picks.approve(pick.id(), "re", null);
        return picks.confirm(pick.id(), requester);
    }

    /** Stops the push dead once, at the armed point, as a killed JVM would. */
    static class CrashingProbe implements PushProbe {

        private volatile String armed;
        private final List<String> crashed = new java.util.concurrent.CopyOnWriteArrayList<>();

        void arm(String point) {
            crashed.clear();
            armed = point;
        }

        List<String> crashed() {
            return crashed;
        }

        @Override
        public void reached(String point) {
            if (point.equals(armed)) {
                armed = null;
                crashed.add(point);
                throw new SimulatedCrash(point);
            }
        }
    }

    /** An Error, so nothing on the way up mistakes it for a failed step and handles it. */
    static class SimulatedCrash extends Error {
        SimulatedCrash(String point) {
            super("simulated crash at " + point);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Crashes {

        @Bean
        @Primary
        CrashingProbe crashingProbe() {
            return new CrashingProbe();
        }
    }
}
