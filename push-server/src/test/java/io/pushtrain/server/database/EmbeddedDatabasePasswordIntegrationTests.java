package io.pushtrain.server.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 16, case 7, on real PostgreSQL: the embedded database has a generated password kept in the
 * data folder (mode 600), refuses connections without it, and a data folder from before passwords
 * keeps its data and gets one.
 */
class EmbeddedDatabasePasswordIntegrationTests {

    @TempDir
    Path data;

    @Test
    void aNewDataFolderGetsAGeneratedPasswordOnlyItsOwnerReadsAndPasswordlessConnectionsAreRefused() throws Exception {
        Path passwordFile = data.resolve(EmbeddedDatabase.PASSWORD_FILE);
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data.resolve("postgres"), passwordFile)) {
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(database.password()).hasSize(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");

            assertThat(select(database.jdbcUrl(), database.password())).isEqualTo(1);
            assertThatThrownBy(() -> select(database.jdbcUrl(), null)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> select(database.jdbcUrl(), "wrong")).isInstanceOf(SQLException.class);
            assertThat(psqlWithoutPassword(database.port())).as("psql -h 127.0.0.1 -U postgres -w exit code").isNotZero();
        }
        // The next start uses the kept password.
        String kept = Files.readString(passwordFile).strip();
        try (EmbeddedDatabase again = EmbeddedDatabase.start(data.resolve("postgres"), passwordFile)) {
            assertThat(again.password()).isEqualTo(kept);
            assertThat(select(again.jdbcUrl(), kept)).isEqualTo(1);
        }
    }

    @Test
    void aDataFolderFromBeforePasswordsKeepsItsDataAndGetsAPasswordOnTheFirstStart() throws Exception {
        Path folder = data.resolve("postgres");
        // As the server before issue 16 left it: initdb's trust for every local connection, and data.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(folder).setCleanDataDirectory(false).start();
                Connection connection = old.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE train_person (name TEXT, password_hash TEXT)");
            statement.execute("INSERT INTO train_person VALUES ('admin', '{bcrypt}secret-hash')");
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(folder, data.resolve(EmbeddedDatabase.PASSWORD_FILE))) {
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
                    ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM train_person")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
            assertThatThrownBy(() -> select(database.jdbcUrl(), null)).isInstanceOf(SQLException.class);
            assertThat(psqlWithoutPassword(database.port())).isNotZero();
        }
    }

    private static int select(String url, String password) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", EmbeddedDatabase.USER);
        if (password != null) {
            properties.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(url, properties);
                ResultSet rows = connection.createStatement().executeQuery("SELECT 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The attacker's command from the issue; psql missing counts as refused only where there is no psql to try. */
    private static int psqlWithoutPassword(int port) throws Exception {
        Path psql = io.pushtrain.testsupport.ExternalPrograms.require("psql", "postgresql-client");
        Process process = new ProcessBuilder(psql.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                "-w", "-c", "SELECT password_hash FROM train_person").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
