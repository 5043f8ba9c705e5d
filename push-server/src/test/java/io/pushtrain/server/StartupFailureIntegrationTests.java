package io.pushtrain.server;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.pushtrain.testsupport.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Each start-up problem ends the process with one line that says what is wrong and how to fix it. */
@Tag("slow")
class StartupFailureIntegrationTests {

    @TempDir
    Path workDir;

    @Test
    void takenPortIsNamedWithTheSettingThatMovesIt() throws Exception {
        TestPostgres postgres = TestPostgres.get();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            String line = failingStart(taken.getLocalPort(),
                    "--spring.datasource.url=" + postgres.jdbcUrl(),
                    "--spring.datasource.username=" + postgres.username(),
                    "--spring.datasource.password=" + postgres.password());
            assertThat(line).contains("Port " + taken.getLocalPort()).contains("already in use")
                .contains("--server.port");
        }
    }

    @Test
    void unwritableDataFolderIsNamedWithTheSettingThatMovesIt() throws Exception {
        Path file = Files.writeString(workDir.resolve("a-file"), "not a folder");
        String line = failingStart(ServerProcess.freePort(), "--pushtrain.data-dir=" + file.resolve("data"));
        assertThat(line).contains("the data folder " + file.resolve("data")).contains("is not writable")
            .contains("pushtrain.data-dir");
    }

    @Test
    void unreachableDatabaseIsNamedWithItsUrl() throws Exception {
        int closedPort = ServerProcess.freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/pushtrain";
        String line = failingStart(ServerProcess.freePort(), "--spring.datasource.url=" + url,
                "--spring.datasource.username=nobody", "--spring.datasource.password=x");
        assertThat(line).contains("the database at " + url + " is unreachable").contains("spring.datasource.url");
    }

    @Test
    void failingEmbeddedPostgresNamesItsFolder() throws Exception {
        Path postgres = Files.createDirectories(workDir.resolve("pushtrain-data/postgres"));
        Files.writeString(postgres.resolve("PG_VERSION"), "9\n");
        Files.writeString(postgres.resolve("postgresql.conf"), "this is = not a setting PostgreSQL knows\n");
        String line = failingStart(ServerProcess.freePort());
        assertThat(line).contains("embedded PostgreSQL in " + postgres.toRealPath() + " did not start")
            .contains("spring.datasource.url");
    }

    private String failingStart(int port, String... args) throws InterruptedException {
        try (ServerProcess server = ServerProcess.start(workDir, port, args)) {
            int exit = server.awaitExit(Duration.ofMinutes(3));
            assertThat(exit).as("exit code; console:%n%s", server.stdout()).isNotZero();
            List<String> lines = server.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).as("stderr").hasSize(1);
            assertThat(lines.get(0)).startsWith("pushtrain cannot start: ").contains(". Fix: ");
            return lines.get(0);
        }
    }
}
