package io.pushtrain.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A PostgreSQL of its own, as an operator runs one for a cluster: Debian's {@code postgresql}
 * binaries ({@code initdb}, {@code postgres}), a fresh cluster in a folder, a fixed port, a
 * password. PostgreSQL refuses to run as root, so as root it runs as {@code nobody}
 * ({@code runuser}). Missing binaries skip the test, or fail it in CI, as {@link ExternalPrograms}.
 */
public final class StandalonePostgres implements AutoCloseable {

    public static final String USER = "pushtrain";
    public static final String DATABASE = "pushtrain";
    private static final String SERVICE_ACCOUNT = "nobody";

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final String password;
    private final Process postmaster;
    private final Path log;

    private StandalonePostgres(Path bin, Path dataDir, int port, String password, Process postmaster, Path log) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
        this.postmaster = postmaster;
        this.log = log;
    }

    /**
     * initdb in a fresh folder, start on a free port, create the database, migrate it. The folder
     * is directly in the temporary folder: as root it is handed to {@code nobody}, who must reach it.
     */
    public static StandalonePostgres start() {
        Path bin = binaries();
        try {
            Path home = Files.createTempDirectory("pushtrain-standalone-pg");
            Path dataDir = home.resolve("data");
            String password = "cluster-" + Long.toHexString(System.nanoTime());
            Path passwordFile = Files.writeString(home.resolve("password"), password + "\n");
            Path log = home.resolve("postgres.log");
            Files.createFile(log);
            handOver(home);
            run(command(bin.resolve("initdb"), "-D", dataDir.toString(), "-U", USER, "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"), Duration.ofMinutes(2));
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(command(bin.resolve("postgres"), "-D", dataDir.toString(),
                    "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c",
                    "unix_socket_directories=" + home, "-c", "fsync=off", "-c", "max_connections=200"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
            StandalonePostgres postgres = new StandalonePostgres(bin, dataDir, port, password, builder.start(), log);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            postgres.awaitUp(Duration.ofMinutes(1));
            postgres.createDatabase();
            Flyway.configure().dataSource(postgres.jdbcUrl(), USER, password).load().migrate();
            return postgres;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("standalone PostgreSQL did not start", ex);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** Debian's PostgreSQL, newest version first; the test is skipped (failed in CI) without it. */
    private static Path binaries() {
        Optional<Path> found = Optional.empty();
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            found = versions.map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        }
        catch (IOException ex) {
            // no /usr/lib/postgresql: the message below says what to install
        }
        if (found.isEmpty()) {
            String message = "PostgreSQL's server programs are not installed (/usr/lib/postgresql/*/bin/initdb):"
                    + " apt-get install postgresql";
            if (ExternalPrograms.inCi()) {
                fail(message + " (PUSHTRAIN_CI=true turns this skip into a failure)");
            }
            Assumptions.abort(message);
        }
        return found.get();
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** As root, the cluster's folder belongs to the account PostgreSQL runs as. */
    private static void handOver(Path home) {
        if (root()) {
            run(List.of("chown", "-R", SERVICE_ACCOUNT, home.toString()), Duration.ofSeconds(30));
        }
    }

    private static List<String> command(Path program, String... args) {
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of(ExternalPrograms.require("runuser", "util-linux").toString(), "-u", SERVICE_ACCOUNT, "--"));
        }
        command.add(program.toString());
        command.addAll(List.of(args));
        return command;
    }

    private static void run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private void awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    USER, password)) {
                return;
            }
            catch (SQLException notYet) {
                if (!postmaster.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("standalone PostgreSQL did not come up on port " + port + ":\n"
                            + readLog(), notYet);
                }
                try {
                    Thread.sleep(200);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ex);
                }
            }
        }
    }

    private void createDatabase() {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                USER, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("could not create the database " + DATABASE, ex);
        }
    }

    private String readLog() {
        try {
            return Files.readString(log);
        }
        catch (IOException ex) {
            return "(no log: " + ex + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Stops it with pg_ctl's fast shutdown: clients are disconnected, nothing is waited for. */
    @Override
    public void close() {
        if (!postmaster.isAlive()) {
            return;
        }
        try {
            run(command(bin.resolve("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"), Duration.ofSeconds(60));
        }
        catch (RuntimeException ex) {
            postmaster.destroy();
        }
        try {
            if (!postmaster.waitFor(30, TimeUnit.SECONDS)) {
                postmaster.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        deleteFolder(dataDir.getParent());
    }

    /** The folder lives in the temporary folder, not in a test's: nothing else removes it. */
    private static void deleteFolder(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException ex) {
            // a folder left in /tmp is no reason to fail a test that passed
        }
    }
}
