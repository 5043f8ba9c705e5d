package io.pushtrain.server.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pushtrain.server.ServerProcess;
import io.pushtrain.testsupport.TestTrunk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, as an operator meets it: a node on the embedded PostgreSQL is the only node. A second
 * server on its data folder, or a second node pointed at its database through
 * {@code SPRING_DATASOURCE_URL}, ends at once with one line that says why and where to read on;
 * the first node runs on untouched.
 */
@Tag("slow")
class EmbeddedDatabaseRefusesASecondNodeIntegrationTests {

    private static final Pattern EMBEDDED_PORT = Pattern.compile("Embedded PostgreSQL is up on port (\\d+)");

    @TempDir
    Path workDir;

    @Test
    void aSecondServerOnTheDataFolderAndASecondNodeOnTheEmbeddedDatabaseAreRefused() throws Exception {
        try (TestTrunk trunk = TestTrunk.create(workDir.resolve("trunk.git"))) {
            trunk.commit("ann", "Start the app", Map.of("app.txt", "v1\n"));
            String remote = "--pushtrain.trunk.remote=" + trunk.url();
            Path data = workDir.resolve("a/pushtrain-data");
            try (ServerProcess first = ServerProcess.start(workDir.resolve("a"), ServerProcess.freePort(), remote,
                    "--pushtrain.tracker.port=" + ServerProcess.freePort())) {
                first.awaitStarted(Duration.ofMinutes(3));
                Matcher port = EMBEDDED_PORT.matcher(first.stdout());
                assertThat(port.find()).as(first.stdout()).isTrue();

                String sameFolder = refusal(workDir.resolve("b"), remote, "--pushtrain.data-dir=" + data,
                        "--pushtrain.tracker.port=" + ServerProcess.freePort());
                assertThat(sameFolder).contains("the data folder " + data.toRealPath() + " is in use by another pushtrain"
                        + " server (pid " + first.pid() + ")").contains("pushtrain.data-dir");

                String url = "jdbc:postgresql://localhost:" + port.group(1) + "/postgres";
                String sameDatabase = refusal(workDir.resolve("c"), remote, "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=" + Files.readString(data.resolve("postgres.password")).strip(),
                        "--pushtrain.tracker.port=" + ServerProcess.freePort());
                assertThat(sameDatabase).contains("the database at " + url + " is the embedded PostgreSQL of another"
                        + " pushtrain server").contains("pid " + first.pid()).contains("serves one node")
                    .contains("docs/operations.md, \"Running a cluster\"");

                assertThat(first.isAlive()).as("the first node runs on").isTrue();
                assertThat(first.stdout()).doesNotContain("Stopping a PostgreSQL");
            }
        }
    }

    /** The one line a refused start prints; it must exit non-zero, and say what to fix. */
    private static String refusal(Path workDir, String... args) throws InterruptedException {
        try (ServerProcess server = ServerProcess.start(workDir, ServerProcess.freePort(), args)) {
            int exit = server.awaitExit(Duration.ofMinutes(3));
            assertThat(exit).as("exit code; console:%n%s", server.stdout()).isNotZero();
            List<String> lines = server.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).as("stderr").hasSize(1);
            assertThat(lines.get(0)).startsWith("pushtrain cannot start: ").contains(". Fix: ");
            return lines.get(0);
        }
    }
}
