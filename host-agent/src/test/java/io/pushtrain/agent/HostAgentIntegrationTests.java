package io.pushtrain.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent with real parts: a real ttorrent tracker and seeder ({@link Swarm}), real files, real
 * {@code sh}; only our own server is a fake ({@link FakeServer}).
 */
@Tag("slow")
class HostAgentIntegrationTests {

    private static final String TOKEN = "host-token";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static {
        OneLineFormat.install(); // the agents' log as an operator sees it, in the test's output
    }

    @TempDir
    Path temp;

    private FakeServer server;
    private Swarm swarm;
    private final List<HostAgent> agents = new ArrayList<>();

    @BeforeEach
    void startServerAndSwarm() throws Exception {
        server = new FakeServer(TOKEN);
        swarm = new Swarm(server, Files.createDirectories(temp.resolve("seeder")));
    }

    @AfterEach
    void stopEverything() {
        agents.forEach(HostAgent::close);
        swarm.close();
        server.close();
    }

    private AgentOptions options(String name, String rack, String tier) {
        return AgentOptions.of(server.url(), TOKEN, rack, tier, temp.resolve(name)).withName(name)
                .withAddress(Swarm.nextAddress()).withPoll(Duration.ofMillis(200))
                .withServerKeys(List.of(server.publicKey()));
    }

    private HostAgent started(AgentOptions options) {
        HostAgent agent = new HostAgent(options);
        agents.add(agent);
        agent.start();
        return agent;
    }

    private static AgentStatus awaitRunning(HostAgent agent, String version) throws Exception {
        return agent.await(s -> s.state() == HostState.RUNNING && version.equals(s.version()), PATIENCE);
    }

    @Test
    void downloadsVerifiesSwitchesCurrentAndReportsRunning() throws Exception {
        byte[] build = Swarm.randomBuild(1_000_000, 1);
        swarm.publish("b1", "app.bin", build);
        server.desire("canary", "b1");

        HostAgent agent = started(options("host-1", "r1", "canary"));
        AgentStatus status = awaitRunning(agent, "b1");

        Path dir = temp.resolve("host-1");
        assertThat(Files.readSymbolicLink(dir.resolve("current"))).isEqualTo(Path.of("releases", "b1"));
        assertThat(dir.resolve("current/app.bin")).hasBinaryContent(build);
        assertThat(status.seeding()).isEqualTo("b1");
        assertThat(server.hosts.get("host-1")).containsEntry("rack", "r1").containsEntry("tier", "canary")
                .containsEntry("address", agent.options().address().getHostAddress());
        List<FakeServer.StateReport> reports = server.reportsOf("host-1");
        assertThat(reports).extracting(FakeServer.StateReport::state)
                .contains(HostState.DOWNLOADING, HostState.VERIFYING, HostState.RUNNING);
        assertThat(reports.get(reports.size() - 1).version()).isEqualTo("b1");
        assertThat(reports).allSatisfy(r -> assertThat(r.progress()).isBetween(0, 100));
    }

    @Test
    void aHostWhoseFirstTrackerIsDownDownloadsThroughTheNextOneInTheAnnounceList() throws Exception {
        byte[] build = Swarm.randomBuild(500_000, 7);
        swarm.publishBehindADeadTracker("b7", "app.bin", build);
        server.desire("canary", "b7");

        HostAgent agent = started(options("host-7", "r1", "canary"));
        awaitRunning(agent, "b7");

        assertThat(temp.resolve("host-7/current/app.bin")).hasBinaryContent(build);
        assertThat(agent.status().transfer().bytesDownloaded()).as("from the seeder, found through the live tracker")
                .isGreaterThanOrEqualTo(500_000);
    }

    @Test
    void twoAgentsInATierConvergeAndTheSecondGetsPiecesFromTheFirst() throws Exception {
        swarm.publish("b2", "app.bin", Swarm.randomBuild(1_500_000, 2));
        server.desire("canary", "b2");
        HostAgent first = started(options("host-a", "r1", "canary"));
        awaitRunning(first, "b2");

        // Only the first host has the build now: the second can only get it from there.
        swarm.stopSeeder("b2");
        HostAgent second = started(options("host-b", "r1", "canary"));
        awaitRunning(second, "b2");

        assertThat(temp.resolve("host-b/current/app.bin")).hasSameBinaryContentAs(temp.resolve("host-a/current/app.bin"));
        // ttorrent counts a piece as uploaded only once its send completes: the count may trail the download a moment
        assertThat(first.await(s -> s.bytesUploaded() >= 1_500_000, Duration.ofSeconds(10)).bytesUploaded())
                .isGreaterThanOrEqualTo(1_500_000);
        assertThat(second.status().transfer().bytesDownloaded()).isGreaterThanOrEqualTo(1_500_000);
    }

    @Test
    void aRestartedAgentResumesItsDownloadInsteadOfStartingOver() throws Exception {
        int size = 4 * 1024 * 1024;
        swarm.publish("b3", "app.bin", Swarm.randomBuild(size, 3));
        server.desire("canary", "b3");
        AgentOptions slow = options("host-r", "r1", "canary").withRates(300, 0);
        HostAgent before = started(slow);
        AgentStatus midway = before.await(s -> s.transfer() != null && s.transfer().percent() >= 25, PATIENCE);
        before.close();
        long downloadedBefore = before.status().transfer().bytesDownloaded();
        assertThat(midway.version()).isNull();
        assertThat(temp.resolve("host-r/downloads/b3/app.bin.part")).exists();

        HostAgent after = started(slow.withRates(0, 0));
        AgentStatus done = awaitRunning(after, "b3");

        assertThat(done.transfer().bytesAtStart()).isGreaterThanOrEqualTo(size / 5);
        assertThat(done.transfer().bytesDownloaded()).isLessThanOrEqualTo(size - size / 5);
        assertThat(downloadedBefore).isGreaterThan(0);
        assertThat(temp.resolve("host-r/current/app.bin")).hasSize(size);
        assertThat(Sha256.of(temp.resolve("host-r/current/app.bin"))).isEqualTo(server.artifacts.get("b3").sha256());
    }

    @Test
    void aDownloadWhoseHashDoesNotMatchIsNeverSwitchedToAndIsReportedFailed() throws Exception {
        swarm.publish("good", "app.bin", Swarm.randomBuild(300_000, 4));
        server.desire("canary", "good");
        HostAgent agent = started(options("host-t", "r1", "canary"));
        awaitRunning(agent, "good");

        // The torrent carries one build, the server vouches for another.
        swarm.publish("tampered", "app.bin", Swarm.randomBuild(300_000, 5), "0".repeat(64));
        server.desire("canary", "tampered");
        AgentStatus failed = agent.await(s -> s.state() == HostState.FAILED, PATIENCE);

        assertThat(failed.detail()).contains("SHA-256 mismatch for tampered").contains("current not switched");
        assertThat(failed.version()).isEqualTo("good");
        Thread.sleep(1500); // it retries, and fails again
        Path dir = temp.resolve("host-t");
        assertThat(Files.readSymbolicLink(dir.resolve("current"))).isEqualTo(Path.of("releases", "good"));
        assertThat(dir.resolve("releases/tampered")).doesNotExist();
        assertThat(server.reportsOf("host-t")).filteredOn(r -> r.state() == HostState.FAILED).isNotEmpty()
                .allSatisfy(r -> assertThat(r.version()).isEqualTo("good"));
        assertThat(server.reportsOf("host-t")).noneMatch(r -> "tampered".equals(r.version()));
        assertThat(server.torrentFetches("tampered")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anUnsignedBuildIsNeverDownloadedOrSwitchedTo() throws Exception {
        HostAgent agent = runningGood("host-u");
        swarm.publish("unsigned", "app.bin", Swarm.randomBuild(200_000, 11));
        server.unsigned.add("unsigned");
        server.desire("canary", "unsigned");

        AgentStatus refused = agent.await(s -> s.state() == HostState.FAILED, PATIENCE);

        assertThat(refused.detail()).isEqualTo("refused unsigned: the server sent no signed manifest for it; "
                + "current stays good");
        assertNeverTaken("host-u", "unsigned");
    }

    @Test
    void aBuildSignedByAKeyTheHostDoesNotTrustIsRefusedNamingBothKeys() throws Exception {
        HostAgent agent = runningGood("host-k");
        java.security.KeyPair stranger = FakeServer.newKey();
        swarm.publish("forged", "app.bin", Swarm.randomBuild(200_000, 12));
        server.signedBy.put("forged", stranger);
        server.desire("canary", "forged");

        AgentStatus refused = agent.await(s -> s.state() == HostState.FAILED, PATIENCE);

        assertThat(refused.detail()).isEqualTo("refused forged: its manifest is not signed by a key this host trusts"
                + " (signed by " + TrustedKeys.idOf(stranger.getPublic()) + "; trusted: "
                + TrustedKeys.idOf(server.signing.getPublic()) + "); current stays good");
        assertNeverTaken("host-k", "forged");
    }

    @Test
    void aHijackedAnswerWhoseHashIsNotTheSignedOneIsRefusedBeforeDownloading() throws Exception {
        HostAgent agent = runningGood("host-h");
        byte[] evil = Swarm.randomBuild(200_000, 13);
        FakeServer.Artifact genuine = swarm.publish("hijacked", "app.bin", Swarm.randomBuild(200_000, 14));
        String evilSha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
            .digest(evil));
        server.answeredSha256.put("hijacked", evilSha256);
        server.desire("canary", "hijacked");

        AgentStatus refused = agent.await(s -> s.state() == HostState.FAILED, PATIENCE);

        assertThat(refused.detail()).isEqualTo("refused hijacked: the signed manifest says sha256 "
                + genuine.sha256() + ", the server's answer says " + evilSha256 + "; current stays good");
        assertNeverTaken("host-h", "hijacked");
    }

    @Test
    void aHostGivenTheOldAndTheNewKeyAcceptsABuildSignedByTheNewOne() throws Exception {
        java.security.KeyPair rotated = FakeServer.newKey();
        String rotatedKey = java.util.Base64.getEncoder().encodeToString(rotated.getPublic().getEncoded());
        swarm.publish("after-rotation", "app.bin", Swarm.randomBuild(200_000, 15));
        server.signedBy.put("after-rotation", rotated);
        server.desire("canary", "after-rotation");

        HostAgent agent = started(options("host-n", "r1", "canary")
                .withServerKeys(List.of(server.publicKey(), rotatedKey)));

        assertThat(awaitRunning(agent, "after-rotation").version()).isEqualTo("after-rotation");
    }

    private HostAgent runningGood(String host) throws Exception {
        if (!server.artifacts.containsKey("good")) {
            swarm.publish("good", "app.bin", Swarm.randomBuild(200_000, 10));
        }
        server.desire("canary", "good");
        HostAgent agent = started(options(host, "r1", "canary"));
        awaitRunning(agent, "good");
        return agent;
    }

    private void assertNeverTaken(String host, String artifact) throws Exception {
        Thread.sleep(600); // a few polls: it is checked again each time, and refused again
        Path dir = temp.resolve(host);
        assertThat(Files.readSymbolicLink(dir.resolve("current"))).isEqualTo(Path.of("releases", "good"));
        assertThat(dir.resolve("releases/" + artifact)).doesNotExist();
        assertThat(dir.resolve("downloads/" + artifact)).doesNotExist();
        assertThat(server.torrentFetches(artifact)).as("not even its torrent is fetched").isZero();
        assertThat(server.reportsOf(host)).noneMatch(r -> artifact.equals(r.version()));
    }

    @Test
    void aTorrentThatIsNotTheServersArtifactIsRefusedBeforeDownloading() throws Exception {
        FakeServer.Artifact real = swarm.publish("s1", "app.bin", Swarm.randomBuild(100_000, 8));
        server.publish(new FakeServer.Artifact("s1", real.sha256(), real.size() + 1, real.fileName(), real.torrent()));
        server.desire("canary", "s1");
        HostAgent agent = started(options("host-s", "r1", "canary"));

        AgentStatus failed = agent.await(s -> s.state() == HostState.FAILED, PATIENCE);

        assertThat(failed.detail()).startsWith("the torrent of s1 holds 100000 bytes, the server says 100001");
        assertThat(failed.transfer()).isNull();
        assertThat(temp.resolve("host-s/downloads/s1")).doesNotExist();
    }

    @Test
    void rollbackToAKeptReleaseSwitchesWithoutDownloading() throws Exception {
        swarm.publish("v1", "app.bin", Swarm.randomBuild(200_000, 6));
        swarm.publish("v2", "app.bin", Swarm.randomBuild(200_000, 7));
        server.desire("prod", "v1");
        HostAgent agent = started(options("host-rb", "r1", "prod"));
        awaitRunning(agent, "v1");
        server.desire("prod", "v2");
        awaitRunning(agent, "v2");

        swarm.stopSeeder("v1");
        swarm.stopSeeder("v2");
        server.desire("prod", "v1");
        AgentStatus rolledBack = awaitRunning(agent, "v1");

        assertThat(server.torrentFetches("v1")).isEqualTo(1);
        assertThat(rolledBack.transfer().artifactId()).isEqualTo("v2");
        assertThat(rolledBack.seeding()).isEqualTo("v1");
        assertThat(temp.resolve("host-rb/current/app.bin")).hasSameBinaryContentAs(temp.resolve("seeder/v1/app.bin"));
    }

    @Test
    void keepsTheNewestReleasesAndDeletesOlderOnes() throws Exception {
        HostAgent agent = started(options("host-k", "r1", "prod").withKeep(2));
        for (int i = 1; i <= 4; i++) {
            swarm.publish("k" + i, "app.bin", Swarm.randomBuild(100_000, 10 + i));
            server.desire("prod", "k" + i);
            awaitRunning(agent, "k" + i);
        }

        try (var releases = Files.list(temp.resolve("host-k/releases"));
                var downloads = Files.list(temp.resolve("host-k/downloads"))) {
            assertThat(releases.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("k3", "k4");
            assertThat(downloads.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("k3", "k4");
        }
    }

    @Test
    void thePostSwitchCommandRunsInTheNewReleaseAndTheHostReportsItselfHealthy() throws Exception {
        swarm.publish("p1", "app.bin", Swarm.randomBuild(100_000, 20));
        server.desire("prod", "p1");
        HostAgent agent = started(options("host-p", "r1", "prod")
                .withPostSwitch("echo \"$PUSHTRAIN_RELEASE in $(pwd)\" > started.txt; echo 'ok on :8080'"));
        awaitRunning(agent, "p1");

        Path release = temp.resolve("host-p/releases/p1").toRealPath();
        assertThat(release.resolve("started.txt")).hasContent("p1 in " + release);
        FakeServer.StateReport last = server.reportsOf("host-p").get(server.reportsOf("host-p").size() - 1);
        assertThat(last.health()).containsEntry("status", "HEALTHY").containsEntry("output", "ok on :8080");
        assertThat(((Number) last.health().get("exitCode")).intValue()).isZero();
    }

    @Test
    void aFailingPostSwitchCommandIsReportedFailedAndUnhealthyAndTheSwitchStays() throws Exception {
        swarm.publish("p2", "app.bin", Swarm.randomBuild(100_000, 21));
        server.desire("prod", "p2");
        HostAgent agent = started(options("host-pf", "r1", "prod")
                .withPostSwitch("echo restarting; echo 'health check failed on :8080' >&2; exit 3"));

        AgentStatus failed = agent.await(s -> s.state() == HostState.FAILED, PATIENCE);
        Thread.sleep(600); // later polls keep saying so

        assertThat(failed.detail()).isEqualTo("post-switch command exited 3: health check failed on :8080");
        assertThat(failed.version()).isEqualTo("p2");
        assertThat(Files.readSymbolicLink(temp.resolve("host-pf/current"))).isEqualTo(Path.of("releases", "p2"));
        FakeServer.StateReport last = server.reportsOf("host-pf").get(server.reportsOf("host-pf").size() - 1);
        assertThat(last.state()).isEqualTo(HostState.FAILED);
        assertThat(last.detail()).isEqualTo(failed.detail());
        // The server's tier gate reads this: unhealthy, with the exit code and the output's last line.
        assertThat(last.health()).containsEntry("status", "UNHEALTHY").containsEntry("output", "health check failed on :8080");
        assertThat(((Number) last.health().get("exitCode")).intValue()).isEqualTo(3);
    }

    @Test
    void anAgentUsesAFewThreadsAndClosingItStopsThemAll() throws Exception {
        swarm.publish("t1", "app.bin", Swarm.randomBuild(200_000, 30));
        server.desire("prod", "t1");
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        HostAgent agent = started(options("host-th", "r1", "prod"));
        awaitRunning(agent, "t1");

        List<String> seeding = threadsStartedSince(before);
        agent.close();

        // The loop; ttorrent's client, listener, announcer, connector and a pair per peer connection
        // (the seeder's side of the connection counts here too).
        assertThat(seeding).hasSizeLessThanOrEqualTo(16).contains("host-agent-host-th");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!threadsStartedSince(before).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(threadsStartedSince(before)).isEmpty();
    }

    private static List<String> threadsStartedSince(java.util.Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName).filter(n -> n.startsWith("bt-") || n.startsWith("host-agent")).toList();
    }

    @Test
    void aRefusedTokenIsRetriedWithBackoffAndTheAgentCarriesOnWhenItIsAccepted() throws Exception {
        HostAgent agent = started(options("host-x", "r1", "prod").withToken("revoked").withPoll(Duration.ofMillis(100)));
        Thread.sleep(2000);

        AgentStatus refused = agent.status();
        assertThat(refused.registered()).isFalse();
        assertThat(refused.lastError()).contains("401");
        assertThat(refused.consecutiveErrors()).isBetween(3, 6); // 100, 200, 400, 800 ms: no spinning
        assertThat(server.refused.get()).isBetween(refused.consecutiveErrors(), refused.consecutiveErrors() + 1);

        server.tokens.add("revoked"); // say the token is fixed at the server
        AgentStatus registered = agent.await(s -> s.registered() && s.state() == HostState.IDLE
                && s.lastError() == null, PATIENCE);
        assertThat(registered.detail()).isEqualTo("the tier has no desired build");
        assertThat(server.hosts).containsKey("host-x");
    }
}
