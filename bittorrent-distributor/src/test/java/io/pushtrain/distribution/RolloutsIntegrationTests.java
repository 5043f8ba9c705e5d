package io.pushtrain.distribution;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static io.pushtrain.testsupport.TestBuilds.randomFile;
import static io.pushtrain.testsupport.TestBuilds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rollouts on their own tiers, so hosts of other tests never hold them up. */
@SpringBootTest(properties = { "pushtrain.distribution.tiers=ro-dogfood,ro-canary,ro-empty,ro-prod",
        "pushtrain.distribution.seed-newest=0", "pushtrain.distribution.tick=1h" })
@RecordApplicationEvents
class RolloutsIntegrationTests {

    @Autowired
    Rollouts rollouts;

    @Autowired
    Hosts hosts;

    @Autowired
    Artifacts artifacts;

    @Autowired
    ApplicationEvents events;

    @TempDir
    Path builds;

    String old;
    String next;

    @BeforeEach
    void aFleetRunningTheOldBuild() {
        rollouts.list().stream().filter(r -> r.state().active()).forEach(r -> rollouts.rollBack(r.id()));
        old = artifacts.publish(unique("old"), randomFile(builds.resolve("old"), "app.bin", 5_000, 1)).id();
        next = artifacts.publish(unique("new"), randomFile(builds.resolve("new"), "app.bin", 5_000, 2)).id();
        for (String tier : new String[] { "ro-dogfood", "ro-canary", "ro-empty", "ro-prod" }) {
            hosts.desire(tier, old);
        }
        // Hosts of earlier tests of this class move to the old build too, so every tier starts converged on it.
        hosts.list().stream().filter(h -> h.tier().startsWith("ro-")).forEach(h -> report(h.name(), old));
        register("ro-dogfood", "r1", 2);
        register("ro-canary", "r1", 1);
        register("ro-prod", "r1", 2);
        register("ro-prod", "r2", 2);
    }

    @Test
    void aRolloutGoesDogfoodThenCanaryThenProdAsHostsReportAndAnEmptyTierConvergesAtOnce() {
        RolloutView started = rollouts.start(next);

        assertThat(started.state()).isEqualTo(RolloutState.RUNNING);
        assertThat(started.currentTier()).isEqualTo("ro-dogfood");
        assertThat(desired()).containsExactly(next, old, old, old);

        runAll("ro-dogfood", next);
        assertThat(view(started).currentTier()).isEqualTo("ro-canary");
        assertThat(desired()).containsExactly(next, next, old, old);

        runAll("ro-canary", next);
        RolloutView atProd = view(started);
        assertThat(atProd.currentTier()).isEqualTo("ro-prod");
        assertThat(desired()).containsExactly(next, next, next, next);
        RolloutView.TierProgress prod = atProd.tiers().get(3);
        assertThat(prod.running()).isZero();
        assertThat(prod.racks()).extracting(RolloutView.RackProgress::rack).contains("r1", "r2");

        runAll("ro-prod", next);
        RolloutView done = view(started);
        assertThat(done.state()).isEqualTo(RolloutState.DONE);
        assertThat(done.currentTier()).isNull();
        assertThat(done.tiers().get(3).running()).isEqualTo(done.tiers().get(3).hosts());
        assertThat(events.stream(RolloutFinished.class))
                .contains(new RolloutFinished(started.id(), next, RolloutState.DONE));
        assertThat(hosts.runningByTier(next)).containsEntry("ro-prod", prodHosts());
    }

    @Test
    void aPausedRolloutDoesNotAdvanceUntilResumed() {
        RolloutView started = rollouts.start(next);
        rollouts.pause(started.id());

        runAll("ro-dogfood", next);
        rollouts.tick();

        assertThat(view(started).state()).isEqualTo(RolloutState.PAUSED);
        assertThat(view(started).currentTier()).isEqualTo("ro-dogfood");
        assertThat(desired()).containsExactly(next, old, old, old);

        rollouts.resume(started.id());

        assertThat(view(started).currentTier()).isEqualTo("ro-canary");
        assertThat(desired()).containsExactly(next, next, old, old);
    }

    @Test
    void aRollbackRestoresEveryTiersBuildAndOnlyOneRolloutRunsAtATime() {
        RolloutView started = rollouts.start(next);
        runAll("ro-dogfood", next);
        assertThatThrownBy(() -> rollouts.start(old)).isInstanceOf(DistributionException.Conflict.class)
                .hasMessageContaining("rollout " + started.id());

        RolloutView rolledBack = rollouts.rollBack(started.id());

        assertThat(rolledBack.state()).isEqualTo(RolloutState.ROLLED_BACK);
        assertThat(desired()).containsExactly(old, old, old, old);
        assertThat(events.stream(RolloutFinished.class))
                .contains(new RolloutFinished(started.id(), next, RolloutState.ROLLED_BACK));
        assertThatThrownBy(() -> rollouts.resume(started.id())).isInstanceOf(DistributionException.Conflict.class);
    }

    @Test
    void ticksAreIdempotentAndHostReportsArePublished() {
        RolloutView started = rollouts.start(next);
        rollouts.tick();
        rollouts.tick();
        assertThat(view(started).currentTier()).isEqualTo("ro-dogfood");

        String name = hosts.list().stream().filter(h -> h.tier().equals("ro-dogfood")).findFirst().orElseThrow().name();
        hosts.report(name, new HostReport(next, HostState.DOWNLOADING, 40, null));

        assertThat(events.stream(HostReported.class)).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo(name);
            assertThat(e.state()).isEqualTo(HostState.DOWNLOADING);
            assertThat(e.tier()).isEqualTo("ro-dogfood");
        });
        rollouts.rollBack(started.id());
    }

    private java.util.List<String> desired() {
        return java.util.List.of("ro-dogfood", "ro-canary", "ro-empty", "ro-prod").stream()
                .map(tier -> hosts.desiredOf(tier).map(DesiredBuild::artifactId).orElse(null)).toList();
    }

    private RolloutView view(RolloutView rollout) {
        return rollouts.get(rollout.id()).orElseThrow();
    }

    private long prodHosts() {
        return hosts.list().stream().filter(h -> h.tier().equals("ro-prod")).count();
    }

    private void register(String tier, String rack, int count) {
        for (int i = 0; i < count; i++) {
            String name = unique(tier);
            hosts.register(new NewHost(name, rack, tier, null));
            report(name, old);
        }
    }

    /** Every host of the tier reports it runs the build; the report's tick advances the rollout. */
    private void runAll(String tier, String build) {
        hosts.list().stream().filter(h -> h.tier().equals(tier))
                .forEach(h -> hosts.report(h.name(), new HostReport(build, HostState.RUNNING, 100, null)));
        rollouts.tick();
    }

    private void report(String name, String build) {
        hosts.report(name, new HostReport(build, HostState.RUNNING, 100, null));
    }
}
