package io.pushtrain.server.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.pushtrain.distribution.ArtifactView;
import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.NewHost;
import io.pushtrain.distribution.artifact.Seeder;
import io.pushtrain.distribution.artifact.TorrentFiles;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static io.pushtrain.testsupport.TestBuilds.randomFile;
import static io.pushtrain.testsupport.TestBuilds.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** A standard client (aria2c) against the embedded tracker and the server's seed, on the host agent's engine. */
@Tag("slow")
// The same properties as the other seed tests, so they share a context (their hosts sit in a tier of
// their own, which no rollout of the other tests waits for): the tracker beats every 500 ms
// (a second node joins quickly); ttorrent hosts announce over HttpURLConnection from 127.0.0.1 and name
// their loopback alias in ip=, which the tracker believes from a trusted proxy.
@SpringBootTest(properties = { "pushtrain.data-dir=target/seed-data", "pushtrain.tracker.share-every=500ms",
        "pushtrain.distribution.tiers=dogfood,canary,prod,standard-clients",
        "pushtrain.tracker.trusted-proxies=127.0.0.1" })
class BitTorrentDownloadIntegrationTests {

    @Autowired
    Artifacts artifacts;

    @Autowired
    Seeder seeder;

    @Autowired
    Hosts hosts;

    @TempDir
    Path work;

    @Test
    void aria2cDownloadsAnArtifactFromTheEmbeddedTrackerAndSeeder() throws Exception {
        Path aria2c = Aria2c.require();
        ArtifactView artifact = artifacts.publish(unique("build"), randomFile(work.resolve("build"), "app.bin", 3_000_000, 10));

        Path downloaded = download(aria2c, artifact);

        assertThat(TorrentFiles.sha256(downloaded)).isEqualTo(artifact.sha256());
    }

    @Test
    void aPeerSendingCorruptPiecesDoesNotCorruptTheDownload() throws Exception {
        Path aria2c = Aria2c.require();
        Path build = randomFile(work.resolve("build"), "app.bin", 3_000_000, 11);
        ArtifactView artifact = artifacts.publish(unique("build"), build);
        seeder.stopSeeding(artifact.id());
        // A peer that claims every piece and sends garbage, alone in the swarm at first. Even a liar is
        // a registered host: the tracker hands out no one else.
        try (LyingPeer liar = new LyingPeer(artifacts.torrentFor(artifact.id(), hostKey("liar", "127.0.5.1")),
                InetAddress.getByName("127.0.5.1"))) {
            Process download = startDownload(aria2c, artifact);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (liar.uploaded() == 0 && System.nanoTime() < deadline && download.isAlive()) {
                Thread.sleep(200);
            }
            assertThat(liar.uploaded()).as("the liar served garbage pieces").isPositive();

            artifacts.publish(artifact.id(), build); // the honest seed comes back

            Aria2c.await(download, log(artifact));
            assertThat(TorrentFiles.sha256(downloaded(artifact))).isEqualTo(artifact.sha256());
        }
    }

    @Test
    void aPeerWhoseHandshakeNoEngineCanReadIsClosedAndTheSeederServesTheNextPeer() throws Exception {
        Path aria2c = Aria2c.require();
        ArtifactView artifact = artifacts.publish(unique("build"), randomFile(work.resolve("build"), "app.bin", 1_000_000, 12));
        InetSocketAddress seed = seeder.address(artifact.id()).orElseThrow();
        // Encrypted-looking: a first byte of 0xc1 (ttorrent 1.5 read it as a negative length, and its
        // accept thread died), then more than an encrypted handshake's key and padding, with no sync marker.
        byte[] garbage = new byte[1024];
        new Random(12).nextBytes(garbage);
        garbage[0] = (byte) 0xc1;

        try (Socket stopper = new Socket()) {
            stopper.connect(seed, 5_000);
            stopper.setSoTimeout(10_000);
            stopper.getOutputStream().write(garbage);
            stopper.getOutputStream().flush();

            assertThat(closedByTheOtherSide(stopper)).as("the seed closes the connection within 10 s").isTrue();
        }

        Path downloaded = download(aria2c, artifact);

        assertThat(TorrentFiles.sha256(downloaded)).isEqualTo(artifact.sha256());
    }

    /** An end of stream or a reset, after whatever the seed answers; not a read timeout. */
    private static boolean closedByTheOtherSide(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // An engine that speaks encryption answers with its key before it gives up.
            }
            return true;
        }
        catch (SocketTimeoutException open) {
            return false;
        }
        catch (SocketException reset) {
            return true;
        }
    }

    private Path download(Path aria2c, ArtifactView artifact) throws IOException, InterruptedException {
        Aria2c.await(startDownload(aria2c, artifact), log(artifact));
        return downloaded(artifact);
    }

    private Process startDownload(Path aria2c, ArtifactView artifact) throws IOException {
        // The torrent the server hands a host: it announces with that host's tracker key.
        Path torrent = Files.write(work.resolve(artifact.id() + ".torrent"),
                artifacts.torrentFor(artifact.id(), hostKey("aria2c", "127.0.0.1")));
        Path into = Files.createDirectories(work.resolve("download-" + artifact.id()));
        return Aria2c.start(aria2c, torrent, into, "51400-51499", log(artifact),
                "--log=" + work.resolve("aria2c-" + artifact.id() + ".debug.log"), "--log-level=info");
    }

    private Path downloaded(ArtifactView artifact) {
        return work.resolve("download-" + artifact.id()).resolve(artifact.fileName());
    }

    private Path log(ArtifactView artifact) {
        return work.resolve("aria2c-" + artifact.id() + ".log");
    }

    private String hostKey(String prefix, String address) {
        String name = unique(prefix);
        hosts.register(new NewHost(name, "r1", "standard-clients", address));
        return hosts.trackerKeyOfHost(name).orElseThrow();
    }
}
