package io.pushtrain.server.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.pushtrain.server.StartupProblem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL from Maven Central's binaries, with its data in the data folder. */
class EmbeddedDatabase implements AutoCloseable {

    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    static EmbeddedDatabase start(Path dataDir) {
        stopStalePostmaster(dataDir);
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
            log.info("Embedded PostgreSQL is up on port {} with its data in {}", postgres.getPort(), dataDir);
            return new EmbeddedDatabase(postgres, dataDir);
        }
        catch (IOException | RuntimeException ex) {
            throw new StartupProblem("embedded PostgreSQL in " + dataDir + " did not start ("
                    + StartupMessages.shortCause(ex) + ")",
                    "read the 'postgres' lines logged above; if the folder is damaged, move it away to start with an"
                            + " empty database, or set spring.datasource.url to use another PostgreSQL",
                    ex);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, "postgres");
    }

    @Override
    public void close() throws IOException {
        log.info("Stopping embedded PostgreSQL in {}", dataDir);
        postgres.close();
    }

    /**
     * A server killed without warning leaves its postmaster running on our data folder, and a
     * new one would refuse to start; stop the old one first so a crash never needs a human.
     */
    private static void stopStalePostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> stale = readPid(pidFile).flatMap(ProcessHandle::of)
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        stale.ifPresent(process -> {
            log.warn("Stopping a PostgreSQL (pid {}) left running on {} by an earlier run", process.pid(), dataDir);
            process.destroy();
            process.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> null).join();
        });
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        }
        catch (IOException | NumberFormatException ex) {
            return Optional.empty();
        }
    }
}
