package io.pushtrain.distribution.tracker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.NewHost;
import io.pushtrain.distribution.RackAffinity;
import io.pushtrain.distribution.artifact.TorrentFiles;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracker on its port, announced to over raw HTTP from loopback addresses in racks (see application.properties). */
@SpringBootTest
class TrackerIntegrationTests {

    @Autowired
    EmbeddedTracker tracker;

    @Autowired
    Hosts hosts;

    @TempDir
    Path dir;

    String infoHash;

    @BeforeEach
    void aTrackedTorrent() throws IOException {
        byte[] content = new byte[100_000];
        new Random(dir.hashCode()).nextBytes(content);
        Path file = java.nio.file.Files.write(dir.resolve("build-" + System.nanoTime() + ".bin"), content);
        byte[] torrent = TorrentFiles.encoded(TorrentFiles.create(file, tracker.announceUrl()));
        tracker.track(torrent);
        infoHash = TorrentFiles.infoHash(torrent);
    }

    @Test
    void answersCarryEverySameRackPeerFirstAndAsManyFromOtherRacksAsThePolicySays() throws IOException {
        for (int rack = 1; rack <= 3; rack++) {
            for (int n = 1; n <= 4; n++) {
                announce("127.0." + rack + "." + n, 7000 + n, "&numwant=0");
            }
        }
        // The policy itself is the oracle for how many come from other racks; the tracker must apply it.
        List<String> others = List.of("r1", "r1", "r1", "r2", "r2", "r2", "r2", "r3", "r3", "r3", "r3");
        List<String> model = RackAffinity.DEFAULT.choose("r1", others, rack -> rack, 5, new Random(1));
        long fromOwnRack = model.stream().filter("r1"::equals).count();
        assertThat(fromOwnRack).as("the policy takes every same-rack peer that fits").isEqualTo(3);

        for (String compact : List.of("&compact=1", "&compact=0")) {
            RawAnnounce.Answer answer = announce("127.0.1.1", 7001, "&numwant=5" + compact);

            assertThat(answer.status()).isEqualTo(200);
            List<String> peers = answer.peers();
            assertThat(peers).hasSize(model.size());
            assertThat(peers.subList(0, 3)).containsExactlyInAnyOrder("127.0.1.2:7002", "127.0.1.3:7003", "127.0.1.4:7004");
            assertThat(peers.subList(3, peers.size())).allSatisfy(peer -> assertThat(peer).doesNotStartWith("127.0.1."));
        }
    }

    @Test
    void aPeerWithoutACidrRackGetsTheRackOfTheRegisteredHostWithItsAddress() throws IOException {
        hosts.register(new NewHost("tracker-r4-a", "r4", "dogfood", "127.0.4.1"));
        hosts.register(new NewHost("tracker-r4-b", "r4", "dogfood", "127.0.4.2"));
        announce("127.0.4.2", 7102, "");
        for (int n = 1; n <= 4; n++) {
            announce("127.0.2." + (10 + n), 7110 + n, "&numwant=0");
        }

        List<String> peers = announce("127.0.4.1", 7101, "&numwant=3").peers();

        assertThat(peers.get(0)).isEqualTo("127.0.4.2:7102");
        assertThat(peers.subList(1, peers.size())).isNotEmpty()
                .allSatisfy(peer -> assertThat(peer).startsWith("127.0.2."));
    }

    @Test
    void theRequestingPeerIsNeverInItsOwnAnswerAndStoppedPeersLeave() throws IOException {
        announce("127.0.3.21", 7201, "");
        announce("127.0.3.22", 7202, "");

        assertThat(announce("127.0.3.21", 7201, "").peers()).containsExactly("127.0.3.22:7202");

        RawAnnounce.get("127.0.3.22", tracker.port(), RawAnnounce.keyed(key("127.0.3.22"),
                RawAnnounce.query(infoHash, RawAnnounce.peerId("127.0.3.22"), 7202, "").replace("event=started", "event=stopped")));

        assertThat(announce("127.0.3.21", 7201, "").peers()).isEmpty();
        assertThat(tracker.peers(infoHash)).containsExactly("127.0.3.21:7201");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/announce",
            "/announce?info_hash",
            "/announce?info_hash=&peer_id=&port=",
            "/announce?info_hash=%zz&peer_id=abc&port=1",
            "/announce?info_hash=%1&peer_id=abc&port=1",
            "/announce?info_hash=short&peer_id=aaaaaaaaaaaaaaaaaaaa&port=1",
            "/announce?info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=bbbbbbbbbbbbbbbbbbbb&port=abc",
            "/announce?info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=bbbbbbbbbbbbbbbbbbbb&port=99999",
            "/announce?info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=bbbbbbbbbbbbbbbbbbbb",
            "/announce?info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=bbbbbbbbbbbbbbbbbbbb&port=1&left=-5",
            "/announce?info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=bbbbbbbbbbbbbbbbbbbb&port=1&uploaded=lots",
            "/announce?info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=bbbbbbbbbbbbbbbbbbbb&port=1&event=exploded",
            "/announce?info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=bbbbbbbbbbbbbbbbbbbb&port=1",
            "/announce?&&&=&==&info_hash==",
            "/scrape?info_hash=aaaaaaaaaaaaaaaaaaaa",
            "/"
    })
    void malformedAnnouncesGetAFailureReasonAndTheTrackerKeepsAnswering(String request) throws IOException {
        RawAnnounce.Answer answer = RawAnnounce.get("127.0.0.1", tracker.port(), request);

        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.failureReason()).isNotBlank();
        assertThat(announce("127.0.3.30", 7300, "").status()).isEqualTo(200);
    }

    @Test
    void anUnknownTorrentIsNamedInTheFailureReason() throws IOException {
        RawAnnounce.Answer answer = RawAnnounce.get("127.0.0.1", tracker.port(),
                RawAnnounce.query("00".repeat(20), RawAnnounce.peerId("x"), 1, ""));

        assertThat(answer.failureReason()).isEqualTo("The requested torrent does not exist on this tracker");
    }

    @Test
    void garbageThatIsNotHttpDoesNotStopTheTracker() throws IOException {
        for (byte[] garbage : List.of(new byte[] { 0, 1, 2, 3, (byte) 0xff }, "GET\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                "POST /announce HTTP/1.1\r\nContent-Length: 100000\r\n\r\nshort".getBytes(StandardCharsets.US_ASCII))) {
            try {
                RawAnnounce.send("127.0.0.1", tracker.port(), garbage);
            }
            catch (IOException | RuntimeException expected) {
                // The tracker may close the connection without an answer: it is not HTTP.
            }
        }

        assertThat(announce("127.0.3.31", 7301, "").status()).isEqualTo(200);
    }

    private RawAnnounce.Answer announce(String from, int port, String extra) throws IOException {
        RawAnnounce.Answer answer = RawAnnounce.get(from, tracker.port(),
                RawAnnounce.keyed(key(from), RawAnnounce.query(infoHash, RawAnnounce.peerId(from), port, extra)));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer;
    }

    /** The tracker key of a host registered at {@code address} (the tracker hands out registered hosts only). */
    private String key(String address) {
        String name = "tracker-peer-" + address;
        if (hosts.get(name).isEmpty()) {
            hosts.register(new NewHost(name, "r" + address.split("\\.")[2], "dogfood", address));
        }
        return hosts.trackerKeyOfHost(name).orElseThrow();
    }
}
