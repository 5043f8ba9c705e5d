package io.pushtrain.server.distribution;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.pushtrain.distribution.ArtifactView;
import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.NewHost;
import io.pushtrain.distribution.artifact.TorrentFiles;
import io.pushtrain.distribution.tracker.EmbeddedTracker;
import io.pushtrain.distribution.tracker.TrackerSwarm;

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

import static io.pushtrain.testsupport.TestBuilds.randomFile;
import static io.pushtrain.testsupport.TestBuilds.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hosts keep downloading from the server's seed while a node is down: a torrent whose first tracker
 * is a node that died still downloads, through the next tracker of its announce list, with aria2c
 * and with ttorrent (a host agent's engine).
 */
@Tag("slow")
// The same properties as the other seed tests, so they share a context (their hosts sit in a tier of
// their own, which no rollout of the other tests waits for): the tracker beats every 500 ms
// (a second node joins quickly); ttorrent hosts announce over HttpURLConnection from 127.0.0.1 and name
// their loopback alias in ip=, which the tracker believes from a trusted proxy.
@SpringBootTest(properties = { "pushtrain.data-dir=target/seed-data", "pushtrain.tracker.share-every=500ms",
        "pushtrain.distribution.tiers=dogfood,canary,prod,standard-clients",
        "pushtrain.tracker.trusted-proxies=127.0.0.1" })
class SwarmFailoverIntegrationTests {

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

    DyingNode dying;

    @BeforeEach
    void aSecondNodeJoins() throws InterruptedException {
        dying = new DyingNode(context);
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
        Path aria2c = Aria2c.require();
        ArtifactView artifact = artifacts.publish(unique("swarm"), randomFile(work.resolve("build"), "app.bin", 2_000_000, 21));
        String key = hostKey("aria2c", "127.0.0.1");
        byte[] torrent = deadNodeFirst(artifacts.torrentFor(artifact.id(), key), key);

        dying.crash();
        Path file = Files.write(work.resolve(artifact.id() + ".torrent"), torrent);
        Path into = Files.createDirectories(work.resolve("download"));
        Path log = work.resolve("aria2c.log");
        Process download = Aria2c.start(aria2c, file, into, "51500-51599", log, "--bt-tracker-connect-timeout=5",
                "--bt-tracker-timeout=5");

        Aria2c.await(download, log);
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
        Client host = new Client(InetAddress.getByName("127.0.1.81"), shared);
        host.share(-1);
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
            host.stop(true);
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
        hosts.register(new NewHost(name, "r1", "standard-clients", address));
        return hosts.trackerKeyOfHost(name).orElseThrow();
    }
}
