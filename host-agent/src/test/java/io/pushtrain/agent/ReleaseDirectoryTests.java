package io.pushtrain.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseDirectoryTests {

    @TempDir
    Path dir;

    private ReleaseDirectory releases() throws Exception {
        ReleaseDirectory releases = new ReleaseDirectory(dir);
        releases.create();
        return releases;
    }

    private void install(ReleaseDirectory releases, String id, long minutesAgo) throws Exception {
        Path artifact = Files.writeString(dir.resolve(id + ".txt"), id);
        releases.install(id, artifact, id + ".txt");
        Files.setLastModifiedTime(releases.release(id), FileTime.fromMillis(System.currentTimeMillis()
                - minutesAgo * 60_000));
        Files.createDirectories(releases.downloadDir(id));
    }

    @Test
    void switchingReplacesTheCurrentLinkAndLeavesNoTemporaryLink() throws Exception {
        ReleaseDirectory releases = releases();
        install(releases, "a1", 2);
        install(releases, "a2", 1);

        releases.switchTo("a1");
        releases.switchTo("a2");

        assertThat(releases.current()).contains("a2");
        assertThat(Files.readSymbolicLink(dir.resolve("current"))).isEqualTo(Path.of("releases/a2"));
        assertThat(dir.resolve("current/a2.txt")).hasContent("a2");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("current.tmp"));
        }
    }

    @Test
    void noCurrentBeforeTheFirstSwitch() throws Exception {
        assertThat(releases().current()).isEmpty();
    }

    @Test
    void pruneKeepsTheNewestReleasesAndTheCurrentOne() throws Exception {
        ReleaseDirectory releases = releases();
        for (int i = 1; i <= 5; i++) {
            install(releases, "r" + i, 10 - i); // r5 is the newest
        }
        releases.switchTo("r1"); // rolled back to the oldest

        assertThat(releases.prune(2, Set.of())).containsExactlyInAnyOrder("r2", "r3");

        try (Stream<Path> kept = Files.list(dir.resolve("releases"));
                Stream<Path> downloads = Files.list(dir.resolve("downloads"))) {
            assertThat(kept.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r1", "r4", "r5");
            assertThat(downloads.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r1", "r4", "r5");
        }
    }

    @Test
    void pruneDeletesWhatACrashedInstallLeftBehind() throws Exception {
        ReleaseDirectory releases = releases();
        Files.createDirectories(dir.resolve("releases/.incomplete-r9-123/bin"));

        releases.prune(3, Set.of());

        assertThat(dir.resolve("releases/.incomplete-r9-123")).doesNotExist();
    }
}
