package io.pushtrain.distribution;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.pushtrain.distribution.artifact.Seeder;
import io.pushtrain.distribution.artifact.TorrentFiles;
import io.pushtrain.distribution.artifact.WatchedClients;
import io.pushtrain.testsupport.ExternalPrograms;

import com.turn.ttorrent.client.Client;
import com.turn.ttorrent.client.SharedTorrent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.pushtrain.distribution.TestFiles.randomFile;
import static io.pushtrain.distribution.TestFiles.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** A standard client (aria2c) against the embedded tracker and the server's seeder. */
@Tag("slow")
@SpringBootTest
class BitTorrentDownloadIntegrationTests {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("pushtrain.data-dir", () -> dataDir.toString());
    }

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
        Path aria2c = ExternalPrograms.require("aria2c", "aria2");
        ArtifactView artifact = artifacts.publish(unique("build"), randomFile(work.resolve("build"), "app.bin", 3_000_000, 10));

        Path downloaded = download(aria2c, artifact);

        assertThat(TorrentFiles.sha256(downloaded)).isEqualTo(artifact.sha256());
    }

    @Test
    void aPeerSendingCorruptPiecesDoesNotCorruptTheDownload() throws Exception {
        Path aria2c = ExternalPrograms.require("aria2c", "aria2");
        Path build = randomFile(work.resolve("build"), "app.bin", 3_000_000, 11);
        ArtifactView artifact = artifacts.publish(unique("build"), build);
        seeder.stopSeeding(artifact.id());
        // A "seeder" that claims every piece but holds garbage of the same size, alone in the swarm at first.
        Path garbage = randomFile(work.resolve("liar"), "app.bin", 3_000_000, 666);
        // Even a liar is a registered host: the tracker hands out no one else.
        SharedTorrent lie = new SharedTorrent(artifacts.torrentFor(artifact.id(), hostKey("liar", "127.0.5.1")),
                garbage.getParent().toFile(), true);
        Client liar = WatchedClients.share(InetAddress.getByName("127.0.5.1"), lie);
        try {
            Process download = startDownload(aria2c, artifact);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lie.getUploaded() == 0 && System.nanoTime() < deadline && download.isAlive()) {
                Thread.sleep(200);
            }
            assertThat(lie.getUploaded()).as("the liar served garbage pieces").isPositive();

            artifacts.publish(artifact.id(), build); // the honest seed comes back

            Path downloaded = awaitDownload(download, artifact);
            assertThat(TorrentFiles.sha256(downloaded)).isEqualTo(artifact.sha256());
            assertThat(TorrentFiles.sha256(garbage)).isNotEqualTo(artifact.sha256());
        }
        finally {
            WatchedClients.stop(liar);
        }
    }

    @Test
    void aHandshakeThatStopsTtorrentsAcceptThreadIsClosedAndTheSeederServesTheNextPeer() throws Exception {
        Path aria2c = ExternalPrograms.require("aria2c", "aria2");
        ArtifactView artifact = artifacts.publish(unique("build"), randomFile(work.resolve("build"), "app.bin", 1_000_000, 12));
        InetSocketAddress seed = seeder.address(artifact.id()).orElseThrow();

        try (Socket stopper = new Socket()) {
            stopper.connect(seed, 5_000);
            stopper.setSoTimeout(10_000);
            // A first byte of 0x80 or more: ttorrent 1.5 reads it as a negative length and its accept thread dies.
            stopper.getOutputStream().write(new byte[] { (byte) 0xc1, 1, 2, 3, 4, 5, 6, 7 });
            stopper.getOutputStream().flush();

            assertThat(closedByTheOtherSide(stopper)).as("the seeder closes the connection that stopped it").isTrue();
        }

        Path downloaded = download(aria2c, artifact);

        assertThat(TorrentFiles.sha256(downloaded)).isEqualTo(artifact.sha256());
    }

    /** An end of stream or a reset, rather than an answer or a read timeout. */
    private static boolean closedByTheOtherSide(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        }
        catch (java.net.SocketException reset) {
            return true;
        }
    }

    private Path download(Path aria2c, ArtifactView artifact) throws IOException, InterruptedException {
        return awaitDownload(startDownload(aria2c, artifact), artifact);
    }

    private Process startDownload(Path aria2c, ArtifactView artifact) throws IOException {
        // The torrent the server hands a host: it announces with that host's tracker key.
        Path torrent = Files.write(work.resolve(artifact.id() + ".torrent"),
                artifacts.torrentFor(artifact.id(), hostKey("aria2c", "127.0.0.1")));
        Path into = Files.createDirectories(work.resolve("download-" + artifact.id()));
        List<String> command = new ArrayList<>(List.of(aria2c.toString(), "--seed-time=0", "--bt-enable-lpd=false",
                "--enable-dht=false", "--enable-peer-exchange=false", "--listen-port=51400-51499",
                "--console-log-level=warn", "--summary-interval=0", "--log=" + log(artifact, ".debug.log"),
                "--log-level=info", "-d", into.toString(), torrent.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(artifact, ".log").toFile()).start();
    }

    private Path awaitDownload(Process process, ArtifactView artifact) throws IOException, InterruptedException {
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String log = Files.readString(log(artifact, ".log"));
        assertThat(ended).as("aria2c ended within 120 s:\n" + log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        return work.resolve("download-" + artifact.id()).resolve(artifact.fileName());
    }

    private String hostKey(String prefix, String address) {
        String name = unique(prefix);
        hosts.register(new NewHost(name, "r1", "dogfood", address));
        return hosts.trackerKeyOfHost(name).orElseThrow();
    }

    private Path log(ArtifactView artifact, String suffix) {
        return work.resolve("aria2c-" + artifact.id() + suffix);
    }
}
