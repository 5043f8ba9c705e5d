package io.pushtrain.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.turn.ttorrent.common.Torrent;
import com.turn.ttorrent.tracker.TrackedTorrent;
import com.turn.ttorrent.tracker.Tracker;
import io.pushtrain.testsupport.ExternalPrograms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pushtrain's BitTorrent engine ({@link WireSession}) against a tracker it did not write (ttorrent's)
 * and a client it did not write (aria2c): whole downloads checked by SHA-256, the rack rule, the
 * per-host cap, and what it does with a peer that does not speak plain BitTorrent.
 */
@Tag("slow")
class WireSessionIntegrationTests {

    private static final int SIZE = 4 * 1024 * 1024;

    @TempDir
    Path work;

    private Tracker tracker;
    private final List<WireSession> sessions = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void startTracker() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        tracker = new Tracker(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        tracker.start();
    }

    @AfterEach
    void stopEverything() {
        sessions.forEach(WireSession::stop);
        processes.forEach(Process::destroyForcibly);
        tracker.stop();
    }

    @Test
    void everyHostOfARackGetsTheBuildWhileTheRackTakesAboutOneCopyFromOutsideIt() throws Exception {
        Build build = build("rack-build", 64 * 1024);
        WireSession seed = seed(build, 0);
        List<WireSession> rack = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rack.add(start(build, "host-" + i, "r1", 2048));
        }

        await(() -> rack.stream().allMatch(WireSession::isComplete), 90);

        for (WireSession host : rack) {
            assertThat(Sha256.of(host.file())).isEqualTo(build.sha256());
        }
        // Each host takes from outside its rack only its quarter of the pieces: about one copy in all,
        // where taking the rarest from whoever has it pulls two to three copies from the unlimited seed.
        assertThat(seed.bytesUploaded()).as("bytes the seed sent to the rack")
                .isLessThan((long) (1.5 * SIZE));
        assertThat(rack.stream().mapToLong(WireSession::bytesDownloaded).sum()).isGreaterThanOrEqualTo(4L * SIZE);
    }

    @Test
    void theUploadCapHoldsForTheWholeHostHoweverManyPeersItServes() throws Exception {
        Build build = build("capped-build", 64 * 1024);
        int capKbps = 512;
        WireSession seed = seed(build, capKbps);
        for (int i = 0; i < 5; i++) {
            start(build, "taker-" + i, "rack-" + i, 0);
        }
        await(() -> seed.bytesUploaded() > 256 * 1024, 30);

        long before = seed.bytesUploaded();
        long t0 = System.nanoTime();
        Thread.sleep(3_000);
        long sent = seed.bytesUploaded() - before;
        double seconds = (System.nanoTime() - t0) / 1e9;

        // A cap per connection would let five peers take five times the cap.
        assertThat(sent / seconds).as("the seed's bytes per second to five peers")
                .isLessThan(capKbps * 1024 * 1.25).isGreaterThan(0);
    }

    @Test
    void aPeerThatDoesNotSpeakPlainBitTorrentIsClosedAndTheNextPeerIsServed() throws Exception {
        Build build = build("guarded-build", 64 * 1024);
        InetAddress seedAddress = Swarm.nextAddress();
        WireSession seed = seed(build, 0, seedAddress);

        try (Socket stranger = new Socket()) {
            stranger.connect(new InetSocketAddress(seedAddress, seed.listenPort()), 5_000);
            stranger.setSoTimeout(10_000);
            // What an encrypted (MSE) handshake starts with: no 19 and "BitTorrent protocol".
            stranger.getOutputStream().write(new byte[] {(byte) 0xc1, 1, 2, 3, 4, 5, 6, 7});
            stranger.getOutputStream().flush();
            assertThat(closedByTheOtherSide(stranger.getInputStream())).isTrue();
        }
        WireSession host = start(build, "after-the-stranger", "r1", 0);

        await(host::isComplete, 60);
        assertThat(Sha256.of(host.file())).isEqualTo(build.sha256());
    }

    @Test
    void aria2cDownloadsFromAnAgentAndAnAgentDownloadsFromAria2c() throws Exception {
        Path aria2c = ExternalPrograms.require("aria2c", "aria2");
        Build fromAgent = build("to-aria2c", 256 * 1024);
        seed(fromAgent, 0);

        Path into = Files.createDirectories(work.resolve("aria2c-download"));
        Process download = aria2c(aria2c, fromAgent, into, "--seed-time=0");
        assertThat(download.waitFor(120, TimeUnit.SECONDS)).as(log(fromAgent)).isTrue();
        assertThat(download.exitValue()).as(log(fromAgent)).isZero();
        assertThat(Sha256.of(into.resolve("app.bin"))).isEqualTo(fromAgent.sha256());

        Build fromAria2c = build("from-aria2c", 256 * 1024);
        aria2c(aria2c, fromAria2c, fromAria2c.dir(), "--seed-ratio=0.0", "--check-integrity=true");
        WireSession host = start(fromAria2c, "takes-from-aria2c", "r1", 0);
        await(host::isComplete, 120);
        assertThat(Sha256.of(host.file())).isEqualTo(fromAria2c.sha256());
    }

    private record Build(Path dir, byte[] torrent, String sha256) {
    }

    private Build build(String name, int pieceLength) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        Path file = Files.write(dir.resolve("app.bin"), Swarm.randomBuild(SIZE, name.hashCode()));
        URI announce = tracker.getAnnounceUrl().toURI();
        Torrent torrent = Torrent.create(file.toFile(), pieceLength, List.of(List.of(announce)), "pushtrain-tests");
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        torrent.save(encoded);
        tracker.announce(new TrackedTorrent(torrent)).setAnnounceInterval(2);
        Files.write(dir.resolve("app.torrent"), encoded.toByteArray());
        return new Build(dir, encoded.toByteArray(), Sha256.of(file));
    }

    private WireSession seed(Build build, double maxUploadKbps) throws IOException {
        return seed(build, maxUploadKbps, Swarm.nextAddress());
    }

    private WireSession seed(Build build, double maxUploadKbps, InetAddress address) throws IOException {
        WireSession seed = WireSession.start("seed", build.torrent(), build.dir(), address, null, 0, maxUploadKbps);
        sessions.add(seed);
        assertThat(seed.isComplete()).as("the seed found every piece on disk").isTrue();
        return seed;
    }

    private WireSession start(Build build, String host, String rack, double maxDownloadKbps) throws IOException {
        WireSession session = WireSession.start(host, build.torrent(), work.resolve(host), Swarm.nextAddress(), rack,
                maxDownloadKbps, 0);
        sessions.add(session);
        return session;
    }

    private Process aria2c(Path aria2c, Build build, Path dir, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(aria2c.toString(), "--bt-enable-lpd=false",
                "--enable-dht=false", "--enable-peer-exchange=false", "--listen-port=51500-51599",
                "--console-log-level=warn", "--summary-interval=0", "-d", dir.toString()));
        command.addAll(List.of(options));
        command.add(build.dir().resolve("app.torrent").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("aria2c-" + build.dir().getFileName() + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    private String log(Build build) throws IOException {
        return Files.readString(work.resolve("aria2c-" + build.dir().getFileName() + ".log"));
    }

    private static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within " + seconds + " s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** An end of stream or a reset, rather than an answer or a read timeout. */
    private static boolean closedByTheOtherSide(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }
}
