package io.pushtrain.distribution.tracker;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.pushtrain.distribution.ArtifactView;
import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.DistributionProperties;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.NewHost;
import io.pushtrain.distribution.artifact.TorrentFiles;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes' trackers on the one test database: the server's (node A) and a second one made as the
 * server makes its own ({@link OtherNode}, node B). Announced to over raw HTTP from rack addresses.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class TrackerSwarmIntegrationTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    EmbeddedTracker tracker;

    @Autowired
    TrackerSwarm swarm;

    @Autowired
    Hosts hosts;

    @Autowired
    Artifacts artifacts;

    @Autowired
    DistributionProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    OtherNode nodeB;

    byte[] torrent;

    String infoHash;

    @BeforeEach
    void aSecondNodeAndATorrentBothTrack() throws IOException {
        nodeB = new OtherNode(context);
        byte[] content = new byte[50_000];
        new Random(dir.hashCode()).nextBytes(content);
        Path file = Files.write(dir.resolve("build-" + System.nanoTime() + ".bin"), content);
        torrent = TorrentFiles.encoded(TorrentFiles.create(file, tracker.announceUrl()));
        infoHash = TorrentFiles.infoHash(torrent);
        tracker.track(torrent);
        nodeB.tracker().track(torrent);
    }

    @AfterEach
    void nodeBStops() {
        nodeB.close();
    }

    @Test
    void aPeerAnnouncedToOneTrackerIsHandedOutByTheOtherWithinABeatSameRackFirst() throws IOException {
        announce(tracker, "127.0.2.41", 7241, "&numwant=0");
        announce(tracker, "127.0.1.41", 7141, "&numwant=0");

        // One beat of A writes them, one beat of B reads them: at most two beats apart.
        awaitWithinTwoBeats(() -> peersFrom(nodeB.tracker(), "127.0.1.42", 7142).size() == 2);

        assertThat(peersFrom(nodeB.tracker(), "127.0.1.42", 7142)).as("the same-rack peer first")
                .containsExactly("127.0.1.41:7141", "127.0.2.41:7241");
        assertThat(nodeB.tracker().peers(infoHash)).as("B only hands A's peers out; it tracks its own")
                .containsExactly("127.0.1.42:7142");
    }

    @Test
    void peersOfBothTrackersAreMergedAndNobodyIsHandedItself() throws IOException {
        announce(nodeB.tracker(), "127.0.3.51", 7351, "&numwant=0");
        announce(tracker, "127.0.3.52", 7352, "&numwant=0");

        awaitWithinTwoBeats(() -> peersFrom(tracker, "127.0.3.52", 7352).contains("127.0.3.51:7351")
                && peersFrom(nodeB.tracker(), "127.0.3.51", 7351).contains("127.0.3.52:7352"));

        assertThat(peersFrom(tracker, "127.0.3.53", 7353)).containsExactlyInAnyOrder("127.0.3.51:7351", "127.0.3.52:7352");
        assertThat(peersFrom(tracker, "127.0.3.52", 7352)).doesNotContain("127.0.3.52:7352");
    }

    @Test
    void aTrackerThatStopsLeavesEveryAnnounceListAndItsPeersAreNoLongerHandedOut() throws IOException {
        announce(nodeB.tracker(), "127.0.2.61", 7261, "&numwant=0");
        awaitWithinTwoBeats(() -> swarm.announceUrls().contains(nodeB.announceUrl())
                && peersFrom(tracker, "127.0.2.62", 7262).contains("127.0.2.61:7261"));

        nodeB.close();

        awaitWithinTwoBeats(() -> !swarm.announceUrls().contains(nodeB.announceUrl()));
        assertThat(peersFrom(tracker, "127.0.2.62", 7262)).doesNotContain("127.0.2.61:7261");
    }

    @Test
    void aTrackerThatNoLongerBeatsDropsOutAfterLostAfter() {
        awaitWithinTwoBeats(() -> swarm.announceUrls().contains(nodeB.announceUrl()));

        nodeB.crash();
        // Rather than wait pushtrain.tracker.lost-after: its last beat is made that old.
        jdbc.update("UPDATE distribution_tracker SET beat_at = now() - make_interval(secs => ?) WHERE announce_url = ?",
                properties.tracker().lostAfter().toSeconds() + 1.0, nodeB.announceUrl().toString());

        awaitWithinTwoBeats(() -> !swarm.announceUrls().contains(nodeB.announceUrl()));
        assertThat(swarm.announceUrls().get(0)).isEqualTo(tracker.announceUrl());
    }

    @Test
    void aTorrentNamesEveryLiveTrackerAlsoWhenItWasMadeBeforeTheNodeJoined() throws IOException {
        String key = key("127.0.1.71");
        ArtifactView before = artifacts.publish("swarm-" + UUID.randomUUID().toString().substring(0, 8),
                Files.write(dir.resolve("before.bin"), new byte[] { 1, 2, 3 }));
        nodeB.close();
        awaitWithinTwoBeats(() -> !swarm.announceUrls().contains(nodeB.announceUrl()));
        assertThat(TorrentFiles.announceList(artifacts.torrentFor(before.id(), key)))
                .doesNotContain(nodeB.announceUrl() + "/" + key);

        try (OtherNode nodeC = new OtherNode(context)) {
            awaitWithinTwoBeats(() -> swarm.announceUrls().contains(nodeC.announceUrl()));

            List<String> list = TorrentFiles.announceList(artifacts.torrentFor(before.id(), key));
            assertThat(list.get(0)).as("this node's own tracker first").isEqualTo(tracker.announceUrl(key).toString());
            assertThat(list).contains(nodeC.announceUrl() + "/" + key);
            assertThat(TorrentFiles.announceList(artifacts.torrent(before.id())))
                    .startsWith(tracker.announceUrl().toString()).contains(nodeC.announceUrl().toString());
            assertThat(TorrentFiles.infoHash(artifacts.torrentFor(before.id(), key))).isEqualTo(before.infoHash());

            ArtifactView after = artifacts.publish("swarm-" + UUID.randomUUID().toString().substring(0, 8),
                    Files.write(dir.resolve("after.bin"), new byte[] { 4, 5, 6 }));
            assertThat(TorrentFiles.announceList(Files.readAllBytes(properties.dataDir()
                    .resolve("artifacts").resolve(after.id()).resolve(after.fileName() + ".torrent"))))
                    .as("the stored torrent names both").contains(tracker.announceUrl().toString(), nodeC.announceUrl().toString());
        }
    }

    @Test
    void theOtherNodeTakesTheAnnouncesOfThisNodesSeederWithTheSeedAddress() throws IOException {
        awaitWithinTwoBeats(() -> viaNodeB(swarm.seederTiers()) != null
                && nodeB.swarm().announceUrls().contains(tracker.announceUrl()));
        List<List<URI>> tiers = swarm.seederTiers();
        assertThat(tiers.get(0)).as("its own tracker alone in the first tier").containsExactly(tracker.seederAnnounceUrl());
        URI viaB = viaNodeB(tiers);

        RawAnnounce.Answer answer = RawAnnounce.get("127.0.0.1", nodeB.tracker().port(),
                viaB.getPath() + RawAnnounce.query(infoHash, RawAnnounce.peerId("seeder-a"), 7401, "").substring("/announce".length()));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(nodeB.tracker().peers(infoHash)).contains(properties.seedAddress().getHostAddress() + ":7401");
    }

    @Test
    void aNodeThatBeatsUnderTheSameAnnounceUrlAsAnotherIsToldToSetItsTrackerHost(CapturedOutput output)
            throws InterruptedException {
        String warning = "Another node beats as tracker " + nodeB.announceUrl() + " too";
        // A restarted node finds its old row under its former key once: that is no twin.
        jdbc.update("UPDATE distribution_tracker SET seeder_key = 'the-same-node-before-a-restart' WHERE announce_url = ?",
                nodeB.announceUrl().toString());
        Thread.sleep(properties.tracker().shareEvery().multipliedBy(4).toMillis());
        assertThat(output.getAll()).doesNotContain(warning);

        // A twin writes its own key between every two beats of B.
        long until = System.nanoTime() + properties.tracker().shareEvery().multipliedBy(5).toNanos();
        while (System.nanoTime() < until && !output.getAll().contains(warning)) {
            jdbc.update("UPDATE distribution_tracker SET seeder_key = 'seed-of-a-twin' WHERE announce_url = ?",
                    nodeB.announceUrl().toString());
            Thread.sleep(20);
        }

        assertThat(output.getAll()).contains(warning, "Set pushtrain.tracker.host");
    }

    /** Node B's tracker among the seeder's fallback tiers, or null. */
    private URI viaNodeB(List<List<URI>> tiers) {
        return tiers.stream().skip(1).flatMap(List::stream)
                .filter(url -> url.toString().startsWith(nodeB.announceUrl() + "/")).findFirst().orElse(null);
    }

    private void awaitWithinTwoBeats(BooleanSupplier condition) {
        Duration within = properties.tracker().shareEvery().multipliedBy(2).plusSeconds(2);
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("within two beats and 2 s (%s)", within).isNegative();
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

    private List<String> peersFrom(EmbeddedTracker to, String from, int port) {
        try {
            return announce(to, from, port, "&numwant=10").peers();
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private RawAnnounce.Answer announce(EmbeddedTracker to, String from, int port, String extra) throws IOException {
        RawAnnounce.Answer answer = RawAnnounce.get(from, to.port(),
                RawAnnounce.keyed(key(from), RawAnnounce.query(infoHash, RawAnnounce.peerId(from), port, extra)));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer;
    }

    /** The tracker key of a host registered at {@code address}; both nodes read hosts from the one database. */
    private String key(String address) {
        String name = "swarm-peer-" + address;
        if (hosts.get(name).isEmpty()) {
            hosts.register(new NewHost(name, "r" + address.split("\\.")[2], "dogfood", address));
        }
        return hosts.trackerKeyOfHost(name).orElseThrow();
    }
}
