package io.pushtrain.server.database;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileSystems;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.pushtrain.server.StartupProblem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from Maven Central's binaries, with its data in the data folder. It has a generated
 * password for {@code postgres}, kept next to its data in a file only the owner reads
 * ({@code postgres.password}, mode 600), and every connection must give it (scram-sha-256 in
 * {@code pg_hba.conf}, rewritten at every start). A data folder from before passwords, whose
 * cluster still trusts local connections, gets its password on the first start after the upgrade.
 *
 * <p>It serves one node: it marks itself as embedded (a comment on its database, which a node
 * configured with {@code spring.datasource.url} reads and refuses), and it stops a postmaster left
 * running by a crash only when nobody else is connected to it.
 */
class EmbeddedDatabase implements AutoCloseable {

    static final String USER = "postgres";
    static final String PASSWORD_FILE = "postgres.password";
    /** How the embedded database's comment begins; {@link DatabaseReachability} looks for it. */
    static final String MARK = "pushtrain embedded database";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final String PG_HBA = """
            # Written by pushtrain at every start: every connection gives the password of postgres,
            # which pushtrain keeps in %s (mode 600). Only loopback connections are accepted.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir, String password) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.password = password;
    }

    /** Starts PostgreSQL on {@code dataDir}; its password lives in {@code passwordFile}. */
    static EmbeddedDatabase start(Path dataDir, Path passwordFile) {
        try {
            Optional<String> kept = readPassword(passwordFile);
            new StalePostmaster(dataDir, kept).stopUnlessInUse();
            Files.createDirectories(dataDir);
            String password = kept.isPresent() ? kept.get() : setPassword(dataDir, passwordFile);
            Files.writeString(dataDir.resolve("pg_hba.conf"), PG_HBA.formatted(passwordFile.toAbsolutePath()));
            EmbeddedPostgres postgres = builder(dataDir).setConnectConfig("password", password).start();
            markSingleNode(postgres, password, dataDir);
            log.info("Embedded PostgreSQL is up on port {} with its data in {}; the password of {} is in {}",
                    postgres.getPort(), dataDir, USER, passwordFile);
            return new EmbeddedDatabase(postgres, dataDir, password);
        }
        catch (StartupProblem problem) {
            throw problem;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new StartupProblem("the start was interrupted while an old PostgreSQL on " + dataDir + " was checked",
                    "start the server again", ex);
        }
        catch (IOException | SQLException | RuntimeException ex) {
            throw new StartupProblem("embedded PostgreSQL in " + dataDir + " did not start ("
                    + StartupMessages.shortCause(ex) + ")",
                    "read the 'postgres' lines logged above; if the folder is damaged, move it away to start with an"
                            + " empty database, or set spring.datasource.url to use another PostgreSQL",
                    ex);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    String password() {
        return password;
    }

    int port() {
        return postgres.getPort();
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir) {
        return EmbeddedPostgres.builder()
            // The library's own JVM shutdown hook would stop PostgreSQL at SIGTERM while the application still
            // uses it (every tick and announce then waits 30 s for a connection); the bean's close, which Spring
            // runs after every bean that needs the database has stopped, is the one stop.
            .setRegisterShutdownHook(false)
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPGStartupWait(Duration.ofSeconds(60));
    }

    /**
     * A new data folder (initdb trusts local connections), or one from before passwords: starts it
     * as it is once, gives postgres a generated password, keeps the password, and stops it again.
     * The password file is written only after the password is set, and pg_hba.conf only after the
     * file, so a crash anywhere in between starts over next time.
     */
    private static String setPassword(Path dataDir, Path passwordFile) throws IOException, SQLException {
        if (Files.isRegularFile(dataDir.resolve("PG_VERSION")) && Files.isRegularFile(dataDir.resolve("pg_hba.conf"))
                && Files.readString(dataDir.resolve("pg_hba.conf")).contains("Written by pushtrain")) {
            throw new StartupProblem("the password of embedded PostgreSQL is missing (" + passwordFile + ")",
                    "put the file back, or move the data folder " + dataDir + " away to start with an empty database", null);
        }
        String password = randomPassword();
        try (EmbeddedPostgres open = builder(dataDir).start();
                Connection connection = open.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER USER " + USER + " PASSWORD '" + password + "'");
        }
        writeOwnerOnly(passwordFile, password);
        log.info("Embedded PostgreSQL now needs a password; it is kept in {}", passwordFile);
        return password;
    }

    private static Optional<String> readPassword(Path passwordFile) throws IOException {
        if (!Files.isRegularFile(passwordFile)) {
            return Optional.empty();
        }
        String password = Files.readString(passwordFile).strip();
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    /** Written to a file created with mode 600, then moved into place, so it is never readable by others. */
    private static void writeOwnerOnly(Path file, String password) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        else {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, password + "\n");
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /**
     * Written at every start, so a node pointed at this database through spring.datasource.url
     * learns it is somebody's embedded one and refuses, instead of sharing it until the owner's
     * next restart pulls it away.
     */
    private static void markSingleNode(EmbeddedPostgres postgres, String password, Path dataDir) throws SQLException {
        String mark = MARK + ", serves one node: pid " + ProcessHandle.current().pid() + " on "
                + hostName() + " with its data in " + dataDir.toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", USER, password);
                Statement statement = connection.createStatement()) {
            statement.execute("COMMENT ON DATABASE postgres IS '" + mark.replace("'", "''") + "'");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "localhost";
        }
    }

    @Override
    public void close() throws IOException {
        log.info("Stopping embedded PostgreSQL in {}", dataDir);
        postgres.close();
    }
}
