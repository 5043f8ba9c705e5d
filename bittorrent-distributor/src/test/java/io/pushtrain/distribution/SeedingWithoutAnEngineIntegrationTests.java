package io.pushtrain.distribution;

import java.nio.file.Path;

import io.pushtrain.distribution.tracker.EmbeddedTracker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.pushtrain.testsupport.TestBuilds.randomFile;
import static io.pushtrain.testsupport.TestBuilds.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** An application that provides no {@link SeedEngine}: the server tracks, hosts share, and the log says why nothing is seeded. */
@SpringBootTest(properties = "test.seed-engine=none")
@ExtendWith(OutputCaptureExtension.class)
class SeedingWithoutAnEngineIntegrationTests {

    private static final String WARNING = "The server tracks artifacts but seeds none: this application has no SeedEngine";

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
    void anArtifactIsTrackedButNotSeededAndTheLogSaysSoOnce(CapturedOutput output) {
        ArtifactView first = artifacts.publish(unique("build"), randomFile(builds.resolve("1"), "app.bin", 20_000, 31));
        ArtifactView second = artifacts.publish(unique("build"), randomFile(builds.resolve("2"), "app.bin", 20_000, 32));

        assertThat(tracker.tracks(first.infoHash())).isTrue();
        assertThat(tracker.tracks(second.infoHash())).isTrue();
        assertThat(artifacts.seeding(first.id())).isFalse();
        assertThat(artifacts.seeding(second.id())).isFalse();
        assertThat(output.getAll().split(WARNING, -1)).as("the warning, once").hasSize(2);
    }
}
