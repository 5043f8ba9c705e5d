package io.pushtrain.distribution.tracker;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.NewHost;
import io.pushtrain.distribution.artifact.TorrentFiles;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, case 6, over real sockets from loopback aliases: a whole-request deadline, slow clients
 * that cannot hold the workers, {@code ip=} ignored unless from a trusted proxy, and only registered
 * hosts (announcing with their key) in the swarm.
 */
@SpringBootTest(properties = { "pushtrain.tracker.request-deadline=2s",
        "pushtrain.tracker.trusted-proxies=127.0.0.1,127.0.0.77" })
class TrackerHardeningIntegrationTests {

    private static final int SLOW_CLIENTS = 12;

    @Autowired
    EmbeddedTracker tracker;

    @Autowired
    Hosts hosts;

    @TempDir
    Path dir;

    String infoHash;

    @BeforeEach
    void aTrackedTorrent() throws IOException {
        byte[] content = new byte[50_000];
        new Random(dir.hashCode()).nextBytes(content);
        Path file = Files.write(dir.resolve("build-" + System.nanoTime() + ".bin"), content);
        byte[] torrent = TorrentFiles.encoded(TorrentFiles.create(file, tracker.announceUrl()));
        tracker.track(torrent);
        infoHash = TorrentFiles.infoHash(torrent);
    }

    @Test
    void announcesAreAnsweredPromptlyWhileSlowClientsTrickleTheirRequestsAndTheSlowOnesAreCutAtTheDeadline()
            throws Exception {
        String key = key("127.0.1.50");
        ExecutorService threads = Executors.newCachedThreadPool();
        List<Socket> slow = new ArrayList<>();
        try {
            List<Future<Long>> closedAfter = new ArrayList<>();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.3." + (100 + i)), 0));
                socket.connect(new InetSocketAddress("127.0.0.1", tracker.port()), 5_000);
                socket.setSoTimeout(20_000);
                slow.add(socket);
                long opened = System.nanoTime();
                // One byte every 3 s: never a read timeout, never a whole request.
                threads.submit(() -> {
                    byte[] request = "GET /announce?info_hash=".getBytes(StandardCharsets.ISO_8859_1);
                    for (byte b : request) {
                        socket.getOutputStream().write(b);
                        socket.getOutputStream().flush();
                        Thread.sleep(3_000);
                    }
                    return null;
                });
                closedAfter.add(threads.submit(() -> {
                    InputStream in = socket.getInputStream();
                    try {
                        in.readAllBytes();
                    }
                    catch (IOException reset) {
                        // closed all the same
                    }
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
                }));
            }
            Thread.sleep(1_000);

            for (int round = 0; round < 3; round++) {
                long started = System.nanoTime();
                RawAnnounce.Answer answer = RawAnnounce.get("127.0.1.50", tracker.port(),
                        RawAnnounce.keyed(key, RawAnnounce.query(infoHash, RawAnnounce.peerId("slow-test"), 7400, "")));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

                assertThat(answer.status()).as(answer.text()).isEqualTo(200);
                assertThat(millis).as("answered while %d slow clients are connected", SLOW_CLIENTS).isLessThan(2_000);
            }
            for (Future<Long> closed : closedAfter) {
                // The deadline is 2 s for the whole request; 3 s reads would keep a per-read timeout waiting for ever.
                assertThat(closed.get(15, TimeUnit.SECONDS)).as("ms until the tracker closed a slow client").isLessThan(6_000);
            }
        }
        finally {
            for (Socket socket : slow) {
                socket.close();
            }
            threads.shutdownNow();
        }
    }

    @Test
    void theIpParameterIsIgnoredAndThePeerIsTheConnectionsAddress() throws IOException {
        RawAnnounce.Answer answer = RawAnnounce.get("127.0.3.61", tracker.port(), RawAnnounce.keyed(key("127.0.3.61"),
                RawAnnounce.query(infoHash, RawAnnounce.peerId("ip-test"), 7461, "&ip=10.6.6.6")));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(tracker.peers(infoHash)).contains("127.0.3.61:7461").noneMatch(peer -> peer.startsWith("10.6.6.6"));
    }

    @Test
    void aTrustedProxyNamesThePeerByXForwardedFor() throws IOException {
        String query = RawAnnounce.keyed(key("127.0.2.77"),
                RawAnnounce.query(infoHash, RawAnnounce.peerId("proxied"), 7477, "&ip=10.6.6.7"));
        RawAnnounce.Answer answer = RawAnnounce.send("127.0.0.77", tracker.port(), ("GET " + query
                + " HTTP/1.1\r\nHost: tracker\r\nX-Forwarded-For: 10.9.9.9, 127.0.2.77\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        // The same from an address that is not a trusted proxy: the header counts for nothing.
        RawAnnounce.send("127.0.2.78", tracker.port(), ("GET " + RawAnnounce.keyed(key("127.0.2.78"),
                RawAnnounce.query(infoHash, RawAnnounce.peerId("not-proxied"), 7478, ""))
                + " HTTP/1.1\r\nX-Forwarded-For: 10.9.9.8\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(tracker.peers(infoHash)).contains("127.0.2.77:7477", "127.0.2.78:7478")
                .noneMatch(peer -> peer.startsWith("10."));
    }

    @Test
    void onlyRegisteredHostsAreHandedOutAndEveryOtherAnnounceGetsAPromptFailureReason() throws IOException {
        String retired = "tracker-retired-" + UUID.randomUUID().toString().substring(0, 8);
        hosts.register(new NewHost(retired, "r2", "dogfood", "127.0.2.92"));
        String retiredKey = hosts.trackerKeyOfHost(retired).orElseThrow();
        hosts.retire(retired);
        String plain = RawAnnounce.query(infoHash, RawAnnounce.peerId("stranger"), 7490, "");

        for (String refused : List.of(plain, RawAnnounce.keyed("0123456789abcdef0123456789abcdef01234567", plain),
                RawAnnounce.keyed(retiredKey, plain))) {
            long started = System.nanoTime();
            RawAnnounce.Answer answer = RawAnnounce.get("127.0.2.90", tracker.port(), refused);

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000);
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.failureReason()).contains("host");
        }
        RawAnnounce.Answer host = RawAnnounce.get("127.0.2.91", tracker.port(), RawAnnounce.keyed(key("127.0.2.91"),
                RawAnnounce.query(infoHash, RawAnnounce.peerId("registered"), 7491, "")));
        assertThat(host.status()).isEqualTo(200);
        assertThat(host.peers()).noneMatch(peer -> peer.startsWith("127.0.2.90:") || peer.startsWith("127.0.2.92:"));
        assertThat(tracker.peers(infoHash)).noneMatch(peer -> peer.startsWith("127.0.2.90:") || peer.startsWith("127.0.2.92:"));
    }

    @Test
    void aHostKeyIsOnePeerPerTorrentHoweverManyPeerIdsItAnnounces() throws IOException {
        String key = key("127.0.3.70");
        for (int i = 0; i < 50; i++) {
            RawAnnounce.get("127.0.3.70", tracker.port(), RawAnnounce.keyed(key,
                    RawAnnounce.query(infoHash, RawAnnounce.peerId("fake-" + i), 8000 + i, "")));
        }

        assertThat(tracker.peers(infoHash)).filteredOn(peer -> peer.startsWith("127.0.3.70:")).containsExactly("127.0.3.70:8049");
    }

    @Test
    void aStoppedTrackerStartsAgainOnItsPortAsAPausedTestContextDoes() throws IOException {
        int port = tracker.port();
        tracker.stop();
        tracker.start();

        assertThat(tracker.port()).isEqualTo(port);
        assertThat(RawAnnounce.get("127.0.3.80", port, RawAnnounce.keyed(key("127.0.3.80"),
                RawAnnounce.query(infoHash, RawAnnounce.peerId("restarted"), 7480, ""))).status()).isEqualTo(200);
    }

    private String key(String address) {
        String name = "hardening-" + address + "-" + UUID.randomUUID().toString().substring(0, 6);
        hosts.register(new NewHost(name, "r" + address.split("\\.")[2], "dogfood", address));
        return hosts.trackerKeyOfHost(name).orElseThrow();
    }
}
