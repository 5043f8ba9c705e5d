package io.pushtrain.distribution;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.pushtrain.distribution.artifact.TorrentFiles;
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
        ArtifactView artifact = artifacts.publish(unique("build"), randomFile(work.resolve("build"), "app.bin", 3_000_000, 11));
        // A second "seeder" that claims every piece but holds garbage of the same size.
        Path garbage = randomFile(work.resolve("liar"), "app.bin", 3_000_000, 666);
        SharedTorrent lie = new SharedTorrent(artifacts.torrent(artifact.id()), garbage.getParent().toFile(), true);
        Client liar = new Client(InetAddress.getByName("127.0.5.1"), lie);
        liar.share(-1);
        try {
            Path downloaded = download(aria2c, artifact);

            assertThat(TorrentFiles.sha256(downloaded)).isEqualTo(artifact.sha256());
            assertThat(TorrentFiles.sha256(garbage)).isNotEqualTo(artifact.sha256());
        }
        finally {
            liar.stop(true);
        }
    }

    private Path download(Path aria2c, ArtifactView artifact) throws IOException, InterruptedException {
        Path torrent = Files.write(work.resolve(artifact.id() + ".torrent"), artifacts.torrent(artifact.id()));
        Path into = Files.createDirectories(work.resolve("download-" + artifact.id()));
        List<String> command = new ArrayList<>(List.of(aria2c.toString(), "--seed-time=0", "--bt-enable-lpd=false",
                "--enable-dht=false", "--enable-peer-exchange=false", "--listen-port=51400-51499",
                "--console-log-level=warn", "--summary-interval=0", "-d", into.toString(), torrent.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("aria2c-" + artifact.id() + ".log").toFile()).start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        String log = Files.readString(work.resolve("aria2c-" + artifact.id() + ".log"));
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("aria2c ended within 120 s:\n" + log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        return into.resolve(artifact.fileName());
    }
}
