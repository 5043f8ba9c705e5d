package io.pushtrain.distribution;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.pushtrain.distribution.artifact.TorrentFiles;
import io.pushtrain.distribution.tracker.EmbeddedTracker;

import com.turn.ttorrent.common.Torrent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.pushtrain.testsupport.TestBuilds.randomFile;
import static io.pushtrain.testsupport.TestBuilds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class ArtifactsIntegrationTests {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("pushtrain.data-dir", () -> dataDir.toString());
    }

    @Autowired
    Artifacts artifacts;

    @Autowired
    EmbeddedTracker tracker;

    @TempDir
    Path builds;

    @Test
    void publishingHashesTheFileWritesTorrentAndManifestAndSeedsIt() throws Exception {
        String id = unique("build");
        Path file = randomFile(builds, "pushtrain.bin", 300_000, 1);

        ArtifactView artifact = artifacts.publish(id, file);

        assertThat(artifact.sha256()).isEqualTo(TorrentFiles.sha256(file)).hasSize(64);
        assertThat(artifact.size()).isEqualTo(300_000);
        assertThat(artifact.fileName()).isEqualTo("pushtrain.bin");
        Path folder = dataDir.resolve("artifacts").resolve(id);
        assertThat(folder.resolve("pushtrain.bin")).hasSameBinaryContentAs(file);
        assertThat(Files.readString(folder.resolve("manifest.json"), StandardCharsets.UTF_8))
                .contains("\"id\": \"" + id + "\"", "\"sha256\": \"" + artifact.sha256() + "\"", "\"size\": 300000",
                        "\"fileName\": \"pushtrain.bin\"", "\"createdAt\": ");
        Torrent torrent = new Torrent(artifacts.torrent(id), false);
        assertThat(torrent.getName()).isEqualTo("pushtrain.bin");
        assertThat(torrent.getSize()).isEqualTo(300_000);
        assertThat(torrent.getAnnounceList().get(0).get(0).toString())
                .isEqualTo("http://127.0.0.1:" + tracker.port() + "/announce");
        assertThat(tracker.tracks(artifact.infoHash())).isTrue();
        assertThat(artifacts.seeding(id)).isTrue();
        assertThat(artifacts.get(id)).contains(artifact);
        assertThat(artifacts.list()).contains(artifact);
    }

    @Test
    void publishingTheSameFileTwiceIsIdempotentAndAnotherFileIsRefused() {
        String id = unique("build");
        Path file = randomFile(builds, "a.bin", 10_000, 2);
        ArtifactView first = artifacts.publish(id, file);

        assertThat(artifacts.publish(id, randomFile(builds.resolve("copy"), "a.bin", 10_000, 2))).isEqualTo(first);
        assertThatThrownBy(() -> artifacts.publish(id, randomFile(builds.resolve("other"), "a.bin", 10_000, 3)))
                .isInstanceOf(DistributionException.Conflict.class)
                .hasMessageContaining("is published already with SHA-256 " + first.sha256());
    }

    @Test
    void publishingWithTheBuildersHashNeverReadsTheFileOnceTheIdIsStored() throws Exception {
        String id = unique("build");
        Path file = randomFile(builds.resolve("hashed"), "a.bin", 10_000, 4);
        String sha256 = TorrentFiles.sha256(file);
        ArtifactView first = artifacts.publish(id, file, sha256);
        Files.delete(file);

        assertThat(artifacts.publish(id, file, sha256)).as("answered from the row: the file is gone")
                .isEqualTo(first);
        assertThat(first.sha256()).isEqualTo(sha256);
        assertThatThrownBy(() -> artifacts.publish(id, file, "0".repeat(64)))
                .isInstanceOf(DistributionException.Conflict.class);
        assertThatThrownBy(() -> artifacts.publish(unique("build"), file, "not a hash"))
                .isInstanceOf(DistributionException.Invalid.class);
    }

    @Test
    void twoPublishesOfOneIdAtOnceStoreOneFileAndRefuseTheOther() throws Exception {
        String id = unique("build");
        Path first = randomFile(builds.resolve("one"), "race.bin", 2_000_000, 5);
        Path second = randomFile(builds.resolve("two"), "race.bin", 2_000_000, 6);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> artifacts.publish(id, first));
            var b = pool.submit(() -> artifacts.publish(id, second));
            java.util.List<Object> outcomes = new java.util.ArrayList<>();
            for (var future : java.util.List.of(a, b)) {
                try {
                    outcomes.add(future.get());
                }
                catch (java.util.concurrent.ExecutionException ex) {
                    outcomes.add(ex.getCause());
                }
            }

            assertThat(outcomes).filteredOn(ArtifactView.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(DistributionException.Conflict.class::isInstance).hasSize(1);
            ArtifactView stored = artifacts.get(id).orElseThrow();
            assertThat(TorrentFiles.sha256(dataDir.resolve("artifacts").resolve(id).resolve("race.bin")))
                    .isEqualTo(stored.sha256());
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badIdsAndMissingFilesAreRefusedAndUnknownArtifactsAreNotFound() {
        Path file = randomFile(builds, "b.bin", 1_000, 4);

        assertThatThrownBy(() -> artifacts.publish("../etc", file)).isInstanceOf(DistributionException.Invalid.class);
        assertThatThrownBy(() -> artifacts.publish(unique("build"), builds.resolve("missing.bin")))
                .isInstanceOf(DistributionException.Invalid.class).hasMessageContaining("is not a readable file");
        assertThat(artifacts.get("no-such-build")).isEmpty();
        assertThatThrownBy(() -> artifacts.torrent("no-such-build")).isInstanceOf(DistributionException.NotFound.class);
    }
}
