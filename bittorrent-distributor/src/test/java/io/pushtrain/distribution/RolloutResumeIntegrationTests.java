package io.pushtrain.distribution;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.pushtrain.testsupport.TestPostgres;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.pushtrain.testsupport.TestBuilds.randomFile;
import static io.pushtrain.testsupport.TestBuilds.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything a rollout needs is in the database: a node that stops mid-rollout loses nothing, and
 * the next node that starts on the same database advances it.
 */
@Tag("slow")
class RolloutResumeIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void aRolloutStartedByANodeThatStoppedIsAdvancedByTheNextNode() throws Exception {
        String artifact;
        long rolloutId;
        try (ConfigurableApplicationContext first = node()) {
            Rollouts rollouts = first.getBean(Rollouts.class);
            Hosts hosts = first.getBean(Hosts.class);
            rollouts.list().stream().filter(r -> r.state().active()).forEach(r -> rollouts.rollBack(r.id()));
            artifact = first.getBean(Artifacts.class)
                    .publish(unique("resume"), randomFile(dataDir.resolve("build"), "app.bin", 5_000, 3)).id();
            hosts.register(new NewHost(unique("rr-dog"), "r1", "rr-dogfood", null));
            hosts.register(new NewHost(unique("rr-prod"), "r1", "rr-prod", null));
            rolloutId = rollouts.start(artifact).id();
            assertThat(rollouts.get(rolloutId).orElseThrow().currentTier()).isEqualTo("rr-dogfood");
        }
        // While no node runs, the dogfood hosts switch (their reports reach no ticker).
        JdbcTemplate database = new JdbcTemplate(TestPostgres.get().dataSource());
        database.update("UPDATE distribution_host SET version = ?, state = 'RUNNING' WHERE tier = 'rr-dogfood'", artifact);

        try (ConfigurableApplicationContext next = node()) {
            Rollouts rollouts = next.getBean(Rollouts.class);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (!"rr-prod".equals(rollouts.get(rolloutId).orElseThrow().currentTier()) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }

            RolloutView resumed = rollouts.get(rolloutId).orElseThrow();
            assertThat(resumed.state()).isEqualTo(RolloutState.RUNNING);
            assertThat(resumed.currentTier()).isEqualTo("rr-prod");
            assertThat(next.getBean(Hosts.class).desiredOf("rr-prod")).map(DesiredBuild::artifactId).contains(artifact);
            rollouts.rollBack(rolloutId);
        }
    }

    private ConfigurableApplicationContext node() {
        TestPostgres database = TestPostgres.get();
        return new SpringApplicationBuilder(DistributionTestApplication.class).web(WebApplicationType.NONE)
                .properties(Map.of("spring.datasource.url", database.jdbcUrl(),
                        "spring.datasource.username", database.username(),
                        "spring.datasource.password", database.password(),
                        "spring.flyway.enabled", "false",
                        "pushtrain.data-dir", dataDir.toString(),
                        "pushtrain.tracker.port", "0",
                        "pushtrain.distribution.tiers", "rr-dogfood,rr-prod",
                        "pushtrain.distribution.seed-newest", "0",
                        "pushtrain.distribution.tick", "200ms"))
                .run();
    }
}
