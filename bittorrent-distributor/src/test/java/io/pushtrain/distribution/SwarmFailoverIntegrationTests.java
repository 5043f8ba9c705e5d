package io.pushtrain.distribution;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.pushtrain.distribution.artifact.TorrentFiles;
import io.pushtrain.distribution.artifact.WatchedClients;
import io.pushtrain.distribution.tracker.EmbeddedTracker;
import io.pushtrain.distribution.tracker.OtherNode;
import io.pushtrain.distribution.tracker.TrackerSwarm;
import io.pushtrain.testsupport.ExternalPrograms;

import com.turn.ttorrent.client.Client;
import com.turn.ttorrent.client.SharedTorrent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.pushtrain.distribution.TestFiles.randomFile;
import static io.pushtrain.distribution.TestFiles.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hosts keep downloading while a node is down: a torrent whose first tracker is a node that died
 * still downloads, through the next tracker of its announce list, with aria2c and with ttorrent
 * (the engine of the host agent and the seeder).
 */
@Tag("slow")
@SpringBootTest
class SwarmFailoverIntegrationTests {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("pushtrain.data-dir", () -> dataDir.toString());
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    Artifacts artifacts;

    @Autowired
    EmbeddedTracker tracker;

    @Autowired
    TrackerSwarm swarm;

    @Autowired
    Hosts hosts;

    @TempDir
    Path work;

    OtherNode dying;

    @BeforeEach
    void aSecondNodeJoins() throws InterruptedException {
        dying = new OtherNode(context);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!swarm.announceUrls().contains(dying.announceUrl()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(swarm.announceUrls()).contains(dying.announceUrl());
    }

    @AfterEach
    void theSecondNodeIsGone() {
        dying.close();
    }

    @Test
    void aria2cDownloadsThroughTheNextTrackerWhenTheFirstOneIsDown() throws Exception {
        Path aria2c = ExternalPrograms.require("aria2c", "aria2");
        ArtifactView artifact = artifacts.publish(unique("swarm"), randomFile(work.resolve("build"), "app.bin", 2_000_000, 21));
        String key = hostKey("aria2c", "127.0.0.1");
        byte[] torrent = deadNodeFirst(artifacts.torrentFor(artifact.id(), key), key);

        dying.crash();
        Path file = Files.write(work.resolve(artifact.id() + ".torrent"), torrent);
        Path into = Files.createDirectories(work.resolve("download"));
        Path log = work.resolve("aria2c.log");
        Process download = new ProcessBuilder(aria2c.toString(), "--seed-time=0", "--bt-enable-lpd=false",
                "--enable-dht=false", "--enable-peer-exchange=false", "--listen-port=51500-51599",
                "--console-log-level=notice", "--summary-interval=0", "--bt-tracker-connect-timeout=5",
                "--bt-tracker-timeout=5", "-d", into.toString(), file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = download.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            download.destroyForcibly();
        }

        assertThat(ended).as("aria2c ended within 120 s:\n" + Files.readString(log)).isTrue();
        assertThat(download.exitValue()).as(Files.readString(log)).isZero();
        assertThat(TorrentFiles.sha256(into.resolve(artifact.fileName()))).isEqualTo(artifact.sha256());
    }

    @Test
    void aTtorrentHostDownloadsThroughTheNextTrackerWhenTheFirstOneIsDown() throws Exception {
        ArtifactView artifact = artifacts.publish(unique("swarm"), randomFile(work.resolve("build"), "app.bin", 1_000_000, 22));
        String key = hostKey("ttorrent", "127.0.1.81");
        byte[] torrent = deadNodeFirst(artifacts.torrentFor(artifact.id(), key), key);

        dying.crash();
        Path into = Files.createDirectories(work.resolve("ttorrent"));
        SharedTorrent shared = new SharedTorrent(torrent, into.toFile());
        Client host = WatchedClients.share(InetAddress.getByName("127.0.1.81"), shared);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!(shared.isInitialized() && shared.isComplete()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(shared.isComplete()).as("ttorrent completed within 90 s").isTrue();
            assertThat(tracker.peers(artifact.infoHash())).as("it announced to the live tracker")
                    .anySatisfy(peer -> assertThat(peer).startsWith("127.0.1.81:"));
        }
        finally {
            WatchedClients.stop(host);
        }
        assertThat(TorrentFiles.sha256(into.resolve(artifact.fileName()))).isEqualTo(artifact.sha256());
    }

    /**
     * The torrent with the node that is about to die alone in the first tier: a client must try it
     * first (within a tier it may shuffle), and must move on to the next tier to get any peer.
     */
    private byte[] deadNodeFirst(byte[] torrent, String key) {
        assertThat(TorrentFiles.announceList(torrent)).contains(dying.tracker().announceUrl(key).toString(),
                tracker.announceUrl(key).toString());
        return TorrentFiles.announcingTo(torrent, List.of(List.of(dying.tracker().announceUrl(key)),
                List.of(tracker.announceUrl(key))));
    }

    private String hostKey(String prefix, String address) {
        String name = unique(prefix);
        hosts.register(new NewHost(name, "r1", "dogfood", address));
        return hosts.trackerKeyOfHost(name).orElseThrow();
    }
}
