package io.pushtrain.server.distribution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.pushtrain.agent.AgentOptions;
import io.pushtrain.agent.AgentStatus;
import io.pushtrain.agent.HostAgent;
import io.pushtrain.agent.HostState;
import io.pushtrain.distribution.ArtifactView;
import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.HostView;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.RolloutState;
import io.pushtrain.distribution.RolloutView;
import io.pushtrain.distribution.RolloutView.TierProgress;
import io.pushtrain.distribution.Rollouts;
import io.pushtrain.distribution.tracker.EmbeddedTracker;
import io.pushtrain.server.Http;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.turn.ttorrent.bcodec.BDecoder;
import com.turn.ttorrent.bcodec.BEValue;
import com.turn.ttorrent.client.Client;
import com.turn.ttorrent.client.SharedTorrent;
import com.turn.ttorrent.common.Torrent;
import com.turn.ttorrent.tracker.TrackedTorrent;
import com.turn.ttorrent.tracker.Tracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10 on one machine: the server seeds a build, 24 in-process host agents in 4 racks get it
 * over BitTorrent tier by tier, the tracker hands out same-rack peers first, a second build is
 * rolled out and rolled back, and a host handed a tampered build never switches to it.
 *
 * <p>Agent i of rack r binds 127.0.r.i (Linux routes all of 127/8 to lo) and the racks are the
 * /24 blocks. The methods run in order and share the fleet.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.data-dir=target/fleet-data", "pushtrain.tracker.port=0",
        "pushtrain.distribution.tiers=dogfood,canary,prod", "pushtrain.distribution.tick=300ms",
        // The agents' ttorrent clients announce over HttpURLConnection from 127.0.0.1 and name their alias in ip=.
        "pushtrain.tracker.trusted-proxies=127.0.0.1",
        "pushtrain.racks.rack-1=127.0.1.0/24", "pushtrain.racks.rack-2=127.0.2.0/24",
        "pushtrain.racks.rack-3=127.0.3.0/24", "pushtrain.racks.rack-4=127.0.4.0/24" })
class FleetIntegrationTests {

    private static final int RACKS = 4;
    private static final int HOSTS_PER_RACK = 6;
    private static final List<String> TIERS = List.of("dogfood", "canary", "prod");
    private static final String HOST_PREFIX = "fleet-";
    private static final Duration CONVERGE = Duration.ofMinutes(3);

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Artifacts artifacts;

    @Autowired
    io.pushtrain.distribution.BuildKeys keys;

    @Autowired
    Hosts hosts;

    @Autowired
    Rollouts rollouts;

    @Autowired
    EmbeddedTracker tracker;

    @Autowired
    JdbcTemplate jdbc;

    private final List<HostAgent> fleet = new ArrayList<>();
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private final Map<String, Path> dirs = new LinkedHashMap<>();
    private Path work;
    private String fleetPerson;
    private String hostToken;
    private String engineer;
    private Build first;
    private Build second;

    /** A build as the agents unpack it: the artifact and the bytes of its binary. */
    record Build(ArtifactView artifact, Path archive, byte[] binary) {
    }

    @BeforeAll
    void fleetOfAgents() throws Exception {
        work = Files.createDirectories(Path.of("target/fleet-work").toAbsolutePath())
                .resolve(UUID.randomUUID().toString().substring(0, 8));
        fleetPerson = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
        people.create(new NewPerson(fleetPerson, Set.of(Role.HOST), null, null));
        hostToken = people.issueToken(fleetPerson, "fleet integration test");
        engineer = "re-" + UUID.randomUUID().toString().substring(0, 8);
        people.create(new NewPerson(engineer, Set.of(Role.RELEASE_ENGINEER), null, encoder.encode("secret")));

        for (int rack = 1; rack <= RACKS; rack++) {
            for (int i = 1; i <= HOSTS_PER_RACK; i++) {
                // Two hosts of each tier in every rack.
                String tier = TIERS.get((i - 1) / 2);
                HostAgent agent = agent(name(rack, i), "rack-" + rack, tier, "127.0." + rack + "." + i, server());
                fleet.add(agent);
            }
        }
        fleet.forEach(HostAgent::start);
        for (HostAgent agent : fleet) {
            agent.await(AgentStatus::registered, Duration.ofSeconds(60));
        }
    }

    @AfterAll
    void closeTheFleet() throws Exception {
        fleet.forEach(HostAgent::close);
        for (AutoCloseable closeable : closeLast) {
            closeable.close();
        }
        rollouts.list().stream().filter(r -> r.state().active()).forEach(r -> rollouts.rollBack(r.id()));
        // Other tests share this database and run pushes: hosts that are gone must not hold up their rollouts.
        jdbc.update("DELETE FROM distribution_host WHERE name LIKE ?", HOST_PREFIX + "%");
    }

    @Test
    @Order(1)
    void everyHostGetsTheBuildOverBitTorrentTierByTierAndRunsItsBytes() throws Exception {
        first = build("fleet-b1", 3_000_000, 1);
        long started = System.nanoTime();
        RolloutView rollout = rollouts.start(first.artifact().id());

        List<String> convergedInOrder = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        RolloutView now = rollout;
        Instant deadline = Instant.now().plus(CONVERGE);
        while (now.state() == RolloutState.RUNNING && Instant.now().isBefore(deadline)) {
            List<TierProgress> tiers = now.tiers();
            for (int t = 0; t < tiers.size(); t++) {
                TierProgress tier = tiers.get(t);
                if (tier.hosts() > 0 && tier.running() == tier.hosts() && !convergedInOrder.contains(tier.tier())) {
                    convergedInOrder.add(tier.tier());
                }
                // A tier may only get the build once every tier before it runs it everywhere.
                if (t > 0 && tier.reached() && !convergedInOrder.contains(tiers.get(t - 1).tier())) {
                    violations.add(tier.tier() + " reached while " + tiers.get(t - 1).tier() + " was "
                            + tiers.get(t - 1).running() + "/" + tiers.get(t - 1).hosts());
                }
                if (!tier.reached() && tier.running() > 0) {
                    violations.add(tier.tier() + " runs the build before the rollout reached it");
                }
            }
            Thread.sleep(200);
            now = rollouts.get(rollout.id()).orElseThrow();
        }
        assertThat(now.state()).as("rollout after %s: %s", CONVERGE, now).isEqualTo(RolloutState.DONE);
        now.tiers().stream().filter(t -> !convergedInOrder.contains(t.tier())).forEach(t -> convergedInOrder.add(t.tier()));
        System.out.printf("fleet: %d hosts run %s after %d s%n", fleet.size(), first.artifact().id(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));

        assertThat(violations).isEmpty();
        assertThat(convergedInOrder).containsExactly("dogfood", "canary", "prod");
        assertThat(now.tiers()).allSatisfy(tier -> {
            assertThat(tier.hosts()).isEqualTo(8);
            assertThat(tier.running()).isEqualTo(8);
            assertThat(tier.racks()).hasSize(RACKS).allSatisfy(rack -> assertThat(rack.running()).isEqualTo(2));
        });
        for (HostAgent agent : fleet) {
            assertRuns(agent, first);
            AgentStatus status = agent.status();
            assertThat(status.transfer().bytesDownloaded()).as("%s got the build over BitTorrent", status.name())
                    .isGreaterThanOrEqualTo(first.artifact().size());
        }
        assertThat(hosts.list().stream().filter(h -> h.name().startsWith(HOST_PREFIX)))
                .hasSize(RACKS * HOSTS_PER_RACK)
                .allSatisfy(h -> {
                    assertThat(h.state()).isEqualTo(io.pushtrain.distribution.HostState.RUNNING);
                    assertThat(h.version()).isEqualTo(first.artifact().id());
                });
        // The hosts share with each other, not only with the server's seeder.
        assertThat(fleet.stream().mapToLong(a -> a.status().bytesUploaded()).sum())
                .isGreaterThan(first.artifact().size());
    }

    @Test
    @Order(2)
    void theTrackerAnswersAHostWithItsOwnRackFirstAndAFewPeersFromOtherRacks() throws Exception {
        byte[] infoHash = HexFormat.of().parseHex(first.artifact().infoHash());
        for (int rack = 1; rack <= RACKS; rack++) {
            String address = "127.0." + rack + ".200";
            // A registered host of the rack, with its own tracker key: the tracker answers no one else.
            String probe = HOST_PREFIX + "probe-" + rack;
            hosts.register(new io.pushtrain.distribution.NewHost(probe, "rack-" + rack, "prod", address));
            URI announce = tracker.announceUrl(hosts.trackerKeyOfHost(probe).orElseThrow());
            List<String> peers = announce(announce, address, infoHash, first.artifact().size(), "started", 8);
            announce(announce, address, infoHash, first.artifact().size(), "stopped", 0);
            // Retired at once, so that a rollout does not wait for it.
            hosts.retire(probe);

            String own = "127.0." + rack + ".";
            List<String> sameRack = peers.stream().filter(p -> p.startsWith(own)).toList();
            List<String> otherRacks = peers.stream().filter(p -> !p.startsWith(own)).toList();
            // All six hosts of the rack, then a few from elsewhere (RackAffinity's two, from a sample of the
            // other racks' fresh peers): a random choice of 8 among 24 hosts and the server would hold a
            // whole rack about once in 6,000 answers.
            assertThat(sameRack).as("rack-%d's peers in %s", rack, peers).hasSize(HOSTS_PER_RACK);
            assertThat(otherRacks).as("other racks in %s", peers).hasSizeBetween(1, 2);
        }
    }

    @Test
    @Order(3)
    void aSecondBuildRolledBackSendsEveryHostBackToTheFirst() throws Exception {
        second = build("fleet-b2", 2_000_000, 2);
        long id = Long.parseLong(jsonNumber(post("/api/rollouts", "{\"artifact\":\"" + second.artifact().id() + "\"}", 201), "id"));

        RolloutView reachedCanary = awaitRollout(id, r -> "canary".equals(r.currentTier()));
        assertThat(reachedCanary.tiers().get(0).running()).isEqualTo(8);
        for (HostAgent agent : fleet) {
            if (agent.options().tier().equals("dogfood")) {
                assertRuns(agent, second);
            }
            else if (agent.options().tier().equals("prod")) {
                assertRuns(agent, first);
            }
        }

        // A host token may read rollouts but not roll them back.
        assertThat(send("POST", "/api/rollouts/" + id + "/rollback", Http.bearer(hostToken), null).statusCode())
                .isEqualTo(403);
        post("/api/rollouts/" + id + "/rollback", null, 200);
        assertThat(rollouts.get(id).orElseThrow().state()).isEqualTo(RolloutState.ROLLED_BACK);
        // Other classes in this database roll out to tiers of their own (RolloutGatesIntegrationTests): only ours count.
        Map<String, String> ours = new java.util.LinkedHashMap<>(hosts.desiredByTier());
        ours.keySet().retainAll(java.util.List.of("dogfood", "canary", "prod"));
        assertThat(ours).containsExactly(Map.entry("dogfood", first.artifact().id()),
                Map.entry("canary", first.artifact().id()), Map.entry("prod", first.artifact().id()));

        for (HostAgent agent : fleet) {
            agent.await(s -> s.state() == HostState.RUNNING && first.artifact().id().equals(s.version()), CONVERGE);
            assertRuns(agent, first);
        }
        // The dogfood hosts kept the first build in releases/ and switched back without downloading it again.
        for (HostAgent agent : fleet) {
            if (agent.options().tier().equals("dogfood")) {
                assertThat(agent.status().transfer().artifactId()).isEqualTo(second.artifact().id());
                assertThat(dirs.get(agent.options().name()).resolve("releases").resolve(second.artifact().id())).isDirectory();
            }
        }
    }

    @Test
    @Order(4)
    void aHostHandedATamperedBuildNeverSwitchesToItAndReportsFailed() throws Exception {
        ArtifactView artifact = first.artifact();
        // Mallory's copy: same name and size, a few bytes changed, with a torrent of its own, served by
        // a seeder and tracker of hers. Her proxy sits between one host and the server and hands that
        // host her torrent instead of the server's.
        Path evil = Files.createDirectories(work.resolve("mallory"));
        Path tampered = evil.resolve(artifact.fileName());
        byte[] bytes = Files.readAllBytes(first.archive());
        for (int i = 0; i < 16; i++) {
            bytes[bytes.length / 2 + i] ^= 0x5a;
        }
        Files.write(tampered, bytes);
        InetAddress malloryAddress = InetAddress.getByName("127.0.4.66");
        Tracker rogueTracker = new Tracker(new InetSocketAddress(malloryAddress, freePort()));
        closeLast.add(rogueTracker::stop);
        Torrent rogueTorrent = Torrent.create(tampered.toFile(), rogueTracker.getAnnounceUrl().toURI(), "mallory");
        rogueTracker.announce(new TrackedTorrent(rogueTorrent));
        rogueTracker.start();
        Client rogueSeeder = new Client(malloryAddress, new SharedTorrent(rogueTorrent, evil.toFile(), true));
        closeLast.add(() -> rogueSeeder.stop(true));
        rogueSeeder.share();
        TamperingProxy proxy = new TamperingProxy(URI.create(server()), "/api/artifacts/" + artifact.id() + "/torrent",
                rogueTorrent.getEncoded());
        closeLast.add(proxy);

        String name = HOST_PREFIX + "tampered";
        HostAgent victim = agent(name, "rack-4", "prod", "127.0.4.99", proxy.url());
        closeLast.add(victim);
        victim.start();

        AgentStatus failed = victim.await(s -> s.state() == HostState.FAILED, CONVERGE);
        assertThat(failed.detail()).contains("SHA-256 mismatch for " + artifact.id(), "the server says " + artifact.sha256(),
                "current not switched");
        // Let it try again: the second attempt meets the same tampered bytes.
        victim.await(s -> proxy.tamperedTorrents() >= 2 && s.state() == HostState.FAILED, CONVERGE);

        Path dir = dirs.get(name);
        assertThat(dir.resolve("current")).doesNotExist();
        assertThat(dir.resolve("releases").resolve(artifact.id())).doesNotExist();
        assertThat(victim.status().version()).isNull();
        HostView atServer = hosts.get(name).orElseThrow();
        assertThat(atServer.state()).isEqualTo(io.pushtrain.distribution.HostState.FAILED);
        assertThat(atServer.version()).isNull();
        assertThat(atServer.detail()).contains("SHA-256 mismatch");
        assertThat(proxy.reports()).isNotEmpty().noneMatch(report -> report.contains("\"RUNNING\""))
                .noneMatch(report -> report.contains("\"version\":\"" + artifact.id() + "\""));
        // The rest of rack-4 still runs the real build.
        fleet.stream().filter(a -> a.options().rack().equals("rack-4")).forEach(a -> assertRuns(a, first));
    }

    private HostAgent agent(String name, String rack, String tier, String address, String server) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        dirs.put(name, dir);
        // A HOST token acts as one host: each agent has its own.
        String token = people.issueToken(fleetPerson, "fleet host " + name);
        return new HostAgent(AgentOptions.of(URI.create(server), token, rack, tier, dir).withName(name)
                .withAddress(InetAddress.getByName(address)).withPoll(Duration.ofSeconds(1)).withKeep(3)
                .withServerKeys(keys.keys().stream().map(io.pushtrain.distribution.ServerKey::publicKey).toList()));
    }

    private void assertRuns(HostAgent agent, Build build) {
        String id = build.artifact().id();
        AgentStatus status = agent.status();
        assertThat(status.state()).as("%s", status).isEqualTo(HostState.RUNNING);
        assertThat(status.version()).as("%s", status).isEqualTo(id);
        Path dir = dirs.get(agent.options().name());
        try {
            assertThat(Files.readSymbolicLink(dir.resolve("current")).toString()).isEqualTo("releases/" + id);
            assertThat(Files.readAllBytes(dir.resolve("current/app/bin/app"))).as("%s's binary", status.name())
                    .isEqualTo(build.binary());
            assertThat(Files.readString(dir.resolve("current/app/VERSION"))).isEqualTo(id + "\n");
        }
        catch (IOException ex) {
            throw new AssertionError(status.name() + ": " + ex, ex);
        }
    }

    /** A tar.gz holding app/bin/app (random bytes) and app/VERSION, published as an artifact. */
    private Build build(String prefix, int size, long seed) throws Exception {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        Path tree = Files.createDirectories(work.resolve("builds").resolve(id).resolve("app/bin"));
        byte[] binary = new byte[size];
        new Random(seed).nextBytes(binary);
        Files.write(tree.resolve("app"), binary);
        Files.writeString(tree.getParent().resolve("VERSION"), id + "\n");
        Path archive = tree.getParent().getParent().resolve("app.tar.gz");
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", tree.getParent().getParent().toString(), "app")
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as(output).isZero();
        return new Build(artifacts.publish(id, archive), archive, binary);
    }

    private RolloutView awaitRollout(long id, Predicate<RolloutView> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(CONVERGE);
        RolloutView view = rollouts.get(id).orElseThrow();
        while (!condition.test(view) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            view = rollouts.get(id).orElseThrow();
        }
        assertThat(condition).as("rollout %s", view).accepts(view);
        return view;
    }

    /**
     * One announce over a socket bound to {@code address}, as a host of that rack would send it;
     * the tracker's compact answer as ip:port.
     */
    private List<String> announce(URI announce, String address, byte[] infoHash, long left, String event, int numWant)
            throws IOException {
        byte[] peerId = String.format("%-20s", "-PT0001-" + address).substring(0, 20).getBytes(StandardCharsets.ISO_8859_1);
        String query = "info_hash=" + URLEncoder.encode(new String(infoHash, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1)
                + "&peer_id=" + URLEncoder.encode(new String(peerId, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1)
                + "&port=6881&uploaded=0&downloaded=0&left=" + left + "&compact=1&numwant=" + numWant + "&event=" + event;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            socket.connect(new InetSocketAddress(announce.getHost(), announce.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + announce.getPath() + "?" + query + " HTTP/1.0\r\nHost: " + announce.getHost() + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] response = socket.getInputStream().readAllBytes();
            int body = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) + 4;
            assertThat(new String(response, 0, Math.max(0, body), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.").contains(" 200");
            Map<String, BEValue> answer = BDecoder.bdecode(new ByteArrayInputStream(response, body, response.length - body)).getMap();
            assertThat(answer).as("tracker answer %s", answer.keySet()).doesNotContainKey("failure reason");
            byte[] compact = answer.get("peers").getBytes();
            List<String> peers = new ArrayList<>();
            for (int i = 0; i + 6 <= compact.length; i += 6) {
                peers.add((compact[i] & 0xff) + "." + (compact[i + 1] & 0xff) + "." + (compact[i + 2] & 0xff) + "."
                        + (compact[i + 3] & 0xff) + ":" + (((compact[i + 4] & 0xff) << 8) | (compact[i + 5] & 0xff)));
            }
            return peers;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String server() {
        return "http://127.0.0.1:" + port;
    }

    private String post(String path, String json, int expected) throws Exception {
        HttpResponse<String> response = send("POST", path, Http.basic(engineer, "secret"), json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body();
    }

    private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server() + path)).header("Authorization", authorization)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String jsonNumber(String json, String field) {
        var matcher = java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertThat(matcher.find()).as(json).isTrue();
        return matcher.group(1);
    }

    private static String name(int rack, int i) {
        return String.format("%sr%d-h%02d", HOST_PREFIX, rack, i);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Forwards a host's requests to the server, except the torrent of one artifact, which it swaps
     * for another; records the state reports that pass through.
     */
    static final class TamperingProxy implements AutoCloseable {

        private final HttpServer http;
        private final HttpClient client = HttpClient.newHttpClient();
        private final List<String> reports = new CopyOnWriteArrayList<>();
        private volatile int tamperedTorrents;

        TamperingProxy(URI server, String torrentPath, byte[] torrent) throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            http.createContext("/", exchange -> {
                try (exchange) {
                    if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals(torrentPath)) {
                        tamperedTorrents++;
                        exchange.getResponseHeaders().add("Content-Type", "application/x-bittorrent");
                        exchange.sendResponseHeaders(200, torrent.length);
                        exchange.getResponseBody().write(torrent);
                        return;
                    }
                    forward(server, exchange);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            http.start();
        }

        private void forward(URI server, HttpExchange exchange) throws IOException, InterruptedException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().endsWith("/state")) {
                reports.add(new String(body, StandardCharsets.UTF_8));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Authorization", "Content-Type", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] answer;
            try (InputStream in = response.body()) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                answer = buffer.toByteArray();
            }
            response.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        int tamperedTorrents() {
            return tamperedTorrents;
        }

        List<String> reports() {
            return reports;
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
