package io.pushtrain.irc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.BuildOrigin;
import io.pushtrain.distribution.HostHealth;
import io.pushtrain.distribution.HostReport;
import io.pushtrain.distribution.HostState;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.NewHost;
import io.pushtrain.distribution.RolloutState;
import io.pushtrain.distribution.RolloutView;
import io.pushtrain.distribution.Rollouts;
import io.pushtrain.irc.connection.IrcConnection;
import io.pushtrain.irc.connection.Ngircd;
import io.pushtrain.testsupport.TestTrunk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a real IRC server (ngircd): when a tier's health gate pauses a push's rollout by itself, the
 * channel hears which rollout, of which push, and why, with a link to the push page.
 */
@Tag("slow")
@DirtiesContext
@SpringBootTest(properties = { "pushtrain.schedule.enabled=false", "pushtrain.irc.message-delay=5ms",
        "pushtrain.public-url=https://pushtrain.example/", "pushtrain.distribution.tiers=irc-canary,irc-prod",
        "pushtrain.distribution.seed-newest=0", "pushtrain.distribution.tick=1h" })
class RolloutNoticesIntegrationTests {

    static final String CHANNEL = "#release";

    static Path dir;
    static Ngircd server;
    static TestTrunk remote;

    @BeforeAll
    static void startServerAndTrunk() throws IOException {
        dir = Files.createTempDirectory("irc-rollout");
        server = TestIrcServer.start(dir.resolve("ngircd"));
        remote = TestTrunk.create(dir.resolve("remote.git"));
        remote.commit("ann", "Start the app", Map.of("a.txt", "a1\n"));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("pushtrain.trunk.remote", () -> remote.url());
        registry.add("pushtrain.data-dir", () -> dir.resolve("data").toString());
        registry.add("pushtrain.irc.host", () -> server.host());
        registry.add("pushtrain.irc.port", () -> server.port());
        registry.add("pushtrain.irc.channels", () -> CHANNEL);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    @Autowired
    IrcConnection bot;

    @Autowired
    Artifacts artifacts;

    @Autowired
    Hosts hosts;

    @Autowired
    Rollouts rollouts;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theChannelHearsWhyTheHealthGatePausedAPushsRollout() throws IOException {
        await().atMost(Duration.ofSeconds(20)).until(() -> bot.inChannel(CHANNEL));
        rollouts.list().stream().filter(r -> r.state().active()).forEach(r -> rollouts.rollBack(r.id()));
        String host = "irc-c-" + UUID.randomUUID().toString().substring(0, 6);
        hosts.register(new NewHost(host, "r1", "irc-canary", null));
        Path file = Files.createDirectories(dir.resolve("build")).resolve("app.bin");
        byte[] bytes = new byte[20_000];
        new Random(7).nextBytes(bytes);
        Files.write(file, bytes);
        String artifact = "push-irc-" + UUID.randomUUID().toString().substring(0, 6);
        artifacts.publish(artifact, file, sha256(bytes), new BuildOrigin("release/2026-12-07", "4711"));
        try (IrcClient watcher = IrcClient.connect(server.port(), "watcher")) {
            watcher.join(CHANNEL);
            RolloutView rollout = rollouts.start(artifact);

            hosts.report(host, new HostReport(artifact, HostState.FAILED, 100, "post-switch command exited 3",
                    new HostHealth(HostHealth.Status.UNHEALTHY, 3, "health check failed on :8080")));
            rollouts.tick();
            assertThat(rollouts.get(rollout.id()).orElseThrow().state()).isEqualTo(RolloutState.PAUSED);

            String notice = IrcClient.text(watcher.await("health gate"));
            assertThat(notice).isEqualTo("push 4711 · rollout " + rollout.id() + " of " + artifact
                    + " paused by the health gate: 1 of 1 hosts of irc-canary report unhealthy after switching to "
                    + artifact + ", more than the 0% allowed (pushtrain.distribution.unhealthy.share): " + host
                    + " (exit 3: health check failed on :8080) · https://pushtrain.example/pushes/4711");
            rollouts.rollBack(rollout.id());
        }
        finally {
            jdbc.update("DELETE FROM distribution_host WHERE name = ?", host);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
