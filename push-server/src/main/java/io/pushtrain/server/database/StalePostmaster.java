package io.pushtrain.server.database;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.pushtrain.server.StartupProblem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A postmaster that an earlier run left on the data folder: a server killed without warning
 * leaves it running, and a new one would refuse to start, so it is stopped and a crash never needs
 * a human. Unless somebody else still uses it (another node pointed at it through
 * spring.datasource.url, a psql): stopping it would pull the database from under them, so the
 * start is refused instead, naming who is connected.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    /** A node killed a moment ago leaves backends that have not yet noticed their client is gone. */
    private static final int LOOKS = 10;
    private static final long LOOK_EVERY_MILLIS = 300;
    private static final String OTHER_CLIENTS = """
            SELECT count(*), string_agg(DISTINCT coalesce(nullif(application_name, ''), 'a client') || ' from '
                   || coalesce(host(client_addr), 'the local socket'), ', ')
            FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
            """;

    private final Path dataDir;
    private final Optional<String> password;

    StalePostmaster(Path dataDir, Optional<String> password) {
        this.dataDir = dataDir;
        this.password = password;
    }

    void stopUnlessInUse() throws InterruptedException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = readLines(pidFile);
        Optional<ProcessHandle> stale = number(lines, 0).flatMap(ProcessHandle::of)
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (stale.isEmpty()) {
            return;
        }
        ProcessHandle process = stale.get();
        Optional<Long> port = number(lines, 3);
        if (port.isPresent() && password.isPresent()) {
            refuseWhileInUse(process, port.get().intValue(), password.get());
        }
        log.warn("Stopping a PostgreSQL (pid {}) left running on {} by an earlier run; nobody else is connected to it",
                process.pid(), dataDir);
        process.destroy();
        process.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
    }

    private void refuseWhileInUse(ProcessHandle process, int port, String password) throws InterruptedException {
        Clients clients = new Clients(0, "");
        for (int look = 0; look < LOOKS; look++) {
            Optional<Clients> seen = otherClients(port, password);
            if (seen.isEmpty()) {
                // It does not take our password: not ours to judge, and the old behaviour (stop it) is what a
                // crashed run of ours needs.
                return;
            }
            clients = seen.get();
            if (clients.count() == 0) {
                return;
            }
            Thread.sleep(LOOK_EVERY_MILLIS);
        }
        throw new StartupProblem("the embedded PostgreSQL (pid " + process.pid() + ", port " + port + ") that an earlier"
                + " run left on " + dataDir + " is still used by " + clients.count() + " other connection"
                + (clients.count() == 1 ? "" : "s") + " (" + clients.who() + ")",
                "stop what uses it first (another node pointed at it with spring.datasource.url?); the embedded database"
                        + " serves one node, several nodes need their own PostgreSQL: see docs/operations.md,"
                        + " \"Running a cluster\"",
                null);
    }

    private static Optional<Clients> otherClients(int port, String password) {
        DriverManager.setLoginTimeout(5);
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                EmbeddedDatabase.USER, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(OTHER_CLIENTS)) {
            rows.next();
            return Optional.of(new Clients(rows.getInt(1), rows.getString(2)));
        }
        catch (SQLException ex) {
            log.warn("Could not ask the PostgreSQL left on {} who uses it ({})", "port " + port,
                    StartupMessages.shortCause(ex));
            return Optional.empty();
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        }
        catch (IOException ex) {
            return List.of();
        }
    }

    private static Optional<Long> number(List<String> lines, int index) {
        try {
            return lines.size() > index ? Optional.of(Long.parseLong(lines.get(index).strip())) : Optional.empty();
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    private record Clients(int count, String who) {
    }
}
