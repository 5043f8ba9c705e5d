package io.pushtrain.distribution;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
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

/**
 * Gates between tiers on the real database: a tier bakes before the next follows, and unhealthy
 * hosts above the share roll the rollout back (this context's action) with the reason.
 */
@SpringBootTest(properties = { "pushtrain.distribution.tiers=gt-dogfood,gt-canary,gt-prod",
        "pushtrain.distribution.seed-newest=0", "pushtrain.distribution.tick=1h",
        "pushtrain.distribution.bake.gt-dogfood=2s", "pushtrain.distribution.unhealthy.share=0.4",
        "pushtrain.distribution.unhealthy.action=rollback" })
@RecordApplicationEvents
class RolloutGatesIntegrationTests {

    private static final HostHealth FAILING = new HostHealth(HostHealth.Status.UNHEALTHY, 3, "health check failed on :8080");

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
        old = artifacts.publish(unique("gold"), randomFile(builds.resolve("old"), "app.bin", 5_000, 1)).id();
        next = artifacts.publish(unique("gnew"), randomFile(builds.resolve("new"), "app.bin", 5_000, 2)).id();
        for (String tier : List.of("gt-dogfood", "gt-canary", "gt-prod")) {
            hosts.desire(tier, old);
        }
        // Hosts of earlier tests retire, so each test counts its own tier sizes.
        hosts.list().stream().filter(h -> h.tier().startsWith("gt-")).forEach(h -> hosts.retire(h.name()));
        register("gt-dogfood", 1);
        register("gt-canary", 3);
        register("gt-prod", 2);
    }

    @AfterEach
    void noRolloutLeftRunning() {
        rollouts.list().stream().filter(r -> r.state().active()).forEach(r -> rollouts.rollBack(r.id()));
    }

    @Test
    void aConvergedTierBakesBeforeTheNextTierGetsTheBuild() throws InterruptedException {
        RolloutView started = rollouts.start(next);

        runAll("gt-dogfood", next);
        RolloutView baking = view(started);
        RolloutView.TierProgress dogfood = baking.tiers().get(0);
        assertThat(baking.currentTier()).isEqualTo("gt-dogfood");
        assertThat(dogfood.baking()).isTrue();
        assertThat(dogfood.bakeSecondsLeft()).isBetween(1L, 2L);
        assertThat(dogfood.bakeEndsAt()).isEqualTo(dogfood.convergedAt().plus(Duration.ofSeconds(2)));
        assertThat(desired()).containsExactly(next, old, old);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), dogfood.bakeEndsAt()).toMillis() + 50));
        rollouts.tick();

        RolloutView after = view(started);
        assertThat(after.currentTier()).isEqualTo("gt-canary");
        assertThat(after.tiers().get(0).baking()).isFalse();
        assertThat(desired()).containsExactly(next, next, old);
        // canary has no bake: it goes straight on to prod.
        runAll("gt-canary", next);
        assertThat(view(started).currentTier()).isEqualTo("gt-prod");
        assertThat(view(started).tiers().get(1).bakeEndsAt()).isNull();
    }

    @Test
    void oneUnhealthyCanaryHostOfThreeIsWithinTheShareAndTwoRollTheRolloutBackFromProdWithTheReason() throws InterruptedException {
        RolloutView started = rollouts.start(next);
        runAll("gt-dogfood", next);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), view(started).tiers().get(0).bakeEndsAt()).toMillis() + 50));
        rollouts.tick();
        assertThat(view(started).currentTier()).isEqualTo("gt-canary");
        List<String> canary = tierHosts("gt-canary");

        runAll("gt-canary", next);
        hosts.report(canary.get(0), new HostReport(next, HostState.FAILED, 100, "post-switch command exited 3", FAILING));
        rollouts.tick();

        RolloutView within = view(started);
        assertThat(within.state()).isEqualTo(RolloutState.RUNNING);
        assertThat(within.currentTier()).as("canary is done; its gate still watches").isEqualTo("gt-prod");
        assertThat(within.reason()).isNull();
        assertThat(within.tiers().get(1).unhealthy()).containsExactly(canary.get(0));

        hosts.report(canary.get(1), new HostReport(next, HostState.FAILED, 100, "post-switch command exited 3", FAILING));
        rollouts.tick();

        RolloutView rolledBack = view(started);
        assertThat(rolledBack.state()).isEqualTo(RolloutState.ROLLED_BACK);
        assertThat(rolledBack.reason()).startsWith("rolled back by the health gate: 2 of 3 hosts of gt-canary report"
                + " unhealthy after switching to " + next + ", more than the 40% allowed")
                .contains(canary.get(0) + " (exit 3: health check failed on :8080)");
        assertThat(desired()).containsExactly(old, old, old);
        assertThat(events.stream(RolloutHalted.class)).contains(new RolloutHalted(started.id(), next, null, "gt-canary",
                RolloutState.ROLLED_BACK, rolledBack.reason()));
        assertThat(events.stream(RolloutFinished.class)).contains(new RolloutFinished(started.id(), next,
                RolloutState.ROLLED_BACK));
        assertThat(hosts.get(canary.get(0)).orElseThrow().health()).isEqualTo(FAILING);
    }

    private List<String> desired() {
        return List.of("gt-dogfood", "gt-canary", "gt-prod").stream()
                .map(tier -> hosts.desiredOf(tier).map(DesiredBuild::artifactId).orElse(null)).toList();
    }

    private RolloutView view(RolloutView rollout) {
        return rollouts.get(rollout.id()).orElseThrow();
    }

    private List<String> tierHosts(String tier) {
        return hosts.list().stream().filter(h -> h.tier().equals(tier)).map(HostView::name).toList();
    }

    private void register(String tier, int count) {
        for (int i = 0; i < count; i++) {
            String name = unique(tier);
            hosts.register(new NewHost(name, "r1", tier, null));
            hosts.report(name, new HostReport(old, HostState.RUNNING, 100, null));
        }
    }

    /** Every host of the tier reports it runs the build, healthy; then a tick. */
    private void runAll(String tier, String build) {
        tierHosts(tier).forEach(h -> hosts.report(h, new HostReport(build, HostState.RUNNING, 100, null,
                new HostHealth(HostHealth.Status.HEALTHY, 0, "ok"))));
        rollouts.tick();
    }
}
