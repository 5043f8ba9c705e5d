package io.pushtrain.distribution.tracker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.NewHost;
import io.pushtrain.distribution.RackAffinity;
import io.pushtrain.distribution.artifact.TorrentFiles;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker's connections (issue 18): several announces on one kept-alive connection, compact
 * answers (BEP 23) read byte by byte, half requests that stall on a kept-alive connection while
 * everyone else is answered, and rack-first answers in a swarm of many racks. Real sockets from
 * loopback aliases, as hosts in racks would announce.
 */
@SpringBootTest(properties = { "pushtrain.tracker.request-deadline=2s",
        "pushtrain.tracker.trusted-proxies=127.0.0.1,127.0.0.77" })
class TrackerConnectionsIntegrationTests {

    @Autowired
    EmbeddedTracker tracker;

    @Autowired
    Hosts hosts;

    @TempDir
    Path dir;

    String infoHash;

    @BeforeEach
    void aTrackedTorrent() throws IOException {
        byte[] content = new byte[40_000];
        new Random(dir.hashCode()).nextBytes(content);
        Path file = Files.write(dir.resolve("build-" + System.nanoTime() + ".bin"), content);
        byte[] torrent = TorrentFiles.encoded(TorrentFiles.create(file, tracker.announceUrl()));
        tracker.track(torrent);
        infoHash = TorrentFiles.infoHash(torrent);
    }

    @Test
    void severalAnnouncesAreAnsweredOnOneKeptAliveConnectionAlsoWhenSentTogether() throws IOException {
        String key = key("127.0.5.1", "r5");
        announceOnce("127.0.5.2", key("127.0.5.2", "r5"), 7502, "");
        try (Socket socket = socketFrom("127.0.5.1")) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 5; i++) {
                out.write(request(key, 7501, "", false));
                out.flush();
                Response response = Response.read(in);

                assertThat(response.status()).as(response.text()).isEqualTo(200);
                assertThat(response.head()).containsIgnoringCase("Connection: keep-alive");
                assertThat(new RawAnnounce.Answer(200, response.body()).peers()).containsExactly("127.0.5.2:7502");
            }
            // Two requests in one write (pipelined): two answers, in order.
            ByteArrayOutputStream two = new ByteArrayOutputStream();
            two.write(request(key, 7501, "&numwant=0", false));
            two.write(request(key, 7501, "", false));
            out.write(two.toByteArray());
            out.flush();
            assertThat(new RawAnnounce.Answer(200, Response.read(in).body()).peers()).isEmpty();
            assertThat(new RawAnnounce.Answer(200, Response.read(in).body()).peers()).containsExactly("127.0.5.2:7502");

            // Connection: close is honoured: the answer, then the end of the stream.
            out.write(request(key, 7501, "", true));
            out.flush();
            Response last = Response.read(in);
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.head()).containsIgnoringCase("Connection: close");
            assertThat(in.read()).as("the tracker closed the connection").isEqualTo(-1);
        }
        assertThat(tracker.peers(infoHash)).containsExactly("127.0.5.1:7501", "127.0.5.2:7502");
    }

    @Test
    void aCompactAnswerIsSixBytesPerPeerAndNamesTheSamePeersAsTheDictionaryForm() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int n = 41; n <= 43; n++) {
            announceOnce("127.0.1." + n, key("127.0.1." + n, "r1"), 7000 + n, "");
            expected.add("127.0.1." + n + ":" + (7000 + n));
        }
        // One that has the whole file: counted as complete.
        announceOnce("127.0.1.44", key("127.0.1.44", "r1"), 7044, "&left=0");
        expected.add("127.0.1.44:7044");
        String asking = key("127.0.1.40", "r1");

        RawAnnounce.Answer compact = announceOnce("127.0.1.40", asking, 7040, "&compact=1&numwant=10");
        byte[] body = compact.body();
        String text = compact.text();
        int at = text.indexOf("5:peers");
        int colon = text.indexOf(':', at + "5:peers".length());
        int length = Integer.parseInt(text.substring(at + "5:peers".length(), colon));
        List<String> fromBytes = new ArrayList<>();
        for (int i = colon + 1; i < colon + 1 + length; i += 6) {
            fromBytes.add(String.format(Locale.ROOT, "%d.%d.%d.%d:%d", body[i] & 0xff, body[i + 1] & 0xff, body[i + 2] & 0xff,
                    body[i + 3] & 0xff, (body[i + 4] & 0xff) << 8 | body[i + 5] & 0xff));
        }

        assertThat(length).as("six bytes per peer").isEqualTo(6 * expected.size());
        assertThat(fromBytes).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(compact.dictionary().get("complete").getInt()).isEqualTo(1);
        assertThat(compact.dictionary().get("incomplete").getInt()).isEqualTo(4);
        assertThat(compact.dictionary().get("interval").getInt()).isPositive();
        RawAnnounce.Answer dictionary = announceOnce("127.0.1.40", asking, 7040, "&compact=0&numwant=10");
        assertThat(dictionary.dictionary().get("peers").getValue()).isInstanceOf(List.class);
        assertThat(dictionary.peers()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void halfRequestsThatStallOnKeptAliveConnectionsDoNotHoldUpOtherAnnouncesAndAreCutAtTheDeadline() throws Exception {
        String staller = key("127.0.5.60", "r5");
        List<Socket> stalled = new ArrayList<>();
        try {
            // More stalled connections than the tracker has workers: a thread per connection would be held by each.
            for (int i = 0; i < 12; i++) {
                Socket socket = socketFrom("127.0.5.60");
                socket.setSoTimeout(15_000);
                stalled.add(socket);
                socket.getOutputStream().write(request(staller, 7560, "", false));
                assertThat(Response.read(socket.getInputStream()).status()).isEqualTo(200);
                byte[] next = request(staller, 7560, "", false);
                socket.getOutputStream().write(next, 0, next.length / 2);
                socket.getOutputStream().flush();
            }
            long opened = System.nanoTime();
            String other = key("127.0.5.61", "r5");
            for (int round = 0; round < 5; round++) {
                long started = System.nanoTime();
                RawAnnounce.Answer answer = announceOnce("127.0.5.61", other, 7561, "");

                assertThat(answer.status()).isEqualTo(200);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                        .as("answered while 12 half requests stall").isLessThan(1_000);
            }
            for (Socket socket : stalled) {
                // The deadline is 2 s for a whole request, counted on a kept-alive connection from the last answer.
                Response cut = Response.read(socket.getInputStream());
                assertThat(cut.status()).isEqualTo(408);
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened)).isLessThan(6_000);
        }
        finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void answersInASwarmOfManyRacksCarryTheAskingHostsRackFirstAndOneFromElsewhere() throws IOException {
        // Ten racks known from the host registry (no CIDR block), six hosts each.
        for (int rack = 21; rack <= 30; rack++) {
            for (int n = 1; n <= 6; n++) {
                String address = "127.0." + rack + "." + n;
                announceOnce(address, key(address, "r" + rack), 7000 + rack * 10 + n, "&numwant=0");
            }
        }
        String asking = key("127.0.21.1", "r21");
        int otherRacks = RackAffinity.DEFAULT.fromOtherRacks(5, 20);

        for (int i = 0; i < 10; i++) {
            List<String> peers = announceOnce("127.0.21.1", asking, 7211, "&numwant=20").peers();

            assertThat(peers).hasSize(5 + otherRacks);
            assertThat(peers.subList(0, 5)).allSatisfy(peer -> assertThat(peer).startsWith("127.0.21."))
                    .doesNotContain("127.0.21.1:7211");
            assertThat(peers.subList(5, peers.size())).allSatisfy(peer -> assertThat(peer).doesNotStartWith("127.0.21."));
        }
    }

    private RawAnnounce.Answer announceOnce(String from, String key, int port, String extra) throws IOException {
        String query = RawAnnounce.keyed(key, RawAnnounce.query(infoHash, RawAnnounce.peerId(from), port, ""));
        if (extra.contains("left=")) {
            query = query.replace("&left=100", "");
        }
        RawAnnounce.Answer answer = RawAnnounce.get(from, tracker.port(), query + extra);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer;
    }

    private byte[] request(String key, int port, String extra, boolean close) {
        String query = RawAnnounce.keyed(key, RawAnnounce.query(infoHash, RawAnnounce.peerId("ka-" + port), port, extra));
        return ("GET " + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private Socket socketFrom(String address) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(10_000);
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", tracker.port()), 5_000);
        return socket;
    }

    private String key(String address, String rack) {
        String name = "connections-" + address;
        if (hosts.get(name).isEmpty()) {
            hosts.register(new NewHost(name, rack, "dogfood", address));
        }
        return hosts.trackerKeyOfHost(name).orElseThrow();
    }

    /** One HTTP response read off a kept-alive connection: up to the empty line, then Content-Length bytes. */
    private record Response(String head, byte[] body) {

        static Response read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                head.write(c);
                byte[] sofar = head.toByteArray();
                int n = sofar.length;
                if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
                    break;
                }
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (!text.endsWith("\r\n\r\n")) {
                throw new IOException("the connection ended before an answer: " + text);
            }
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            return new Response(text, in.readNBytes(length));
        }

        int status() {
            return Integer.parseInt(head.split(" ")[1]);
        }

        String text() {
            return head + new String(body, StandardCharsets.ISO_8859_1);
        }
    }
}
