package io.pushtrain.server.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;
import io.pushtrain.server.StartupProblem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 15, on real PostgreSQL: the embedded database serves one node. A node pointed at it
 * through spring.datasource.url is refused, and a postmaster that a crash left running is not
 * stopped while somebody else still uses it.
 */
class EmbeddedDatabaseSingleNodeIntegrationTests {

    @TempDir
    Path data;

    @Test
    void aNodeConfiguredWithTheUrlOfAnEmbeddedDatabaseIsRefusedNamingItsOwner() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data.resolve("postgres"), data.resolve(EmbeddedDatabase.PASSWORD_FILE));
                HikariDataSource configured = new HikariDataSource()) {
            configured.setJdbcUrl(database.jdbcUrl());
            configured.setUsername(EmbeddedDatabase.USER);
            configured.setPassword(database.password());

            assertThatThrownBy(() -> new DatabaseReachability().postProcessAfterInitialization(configured, "dataSource"))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("the database at " + database.jdbcUrl() + " is the embedded PostgreSQL of another"
                        + " pushtrain server")
                .hasMessageContaining("pid " + ProcessHandle.current().pid())
                .hasMessageContaining("serves one node")
                .hasMessageContaining("docs/operations.md, \"Running a cluster\"");

            // The embedded node's own data source is the one that may use it.
            configured.setPoolName(EmbeddedDatabaseConfiguration.POOL);
            assertThat(new DatabaseReachability().postProcessAfterInitialization(configured, "dataSource")).isSameAs(configured);
        }
    }

    @Test
    void aPostmasterLeftRunningIsNotStoppedWhileAnotherClientUsesIt() throws Exception {
        Path folder = data.resolve("postgres");
        Path passwordFile = data.resolve(EmbeddedDatabase.PASSWORD_FILE);
        // As a kill -9 of the server leaves it: the postmaster runs on. (The restart that then stops it, once
        // nobody uses it, is PushKillIntegrationTests': zonky's own lock keeps a second start in this JVM out.)
        try (EmbeddedDatabase crashed = EmbeddedDatabase.start(folder, passwordFile);
                Connection otherNode = DriverManager.getConnection(crashed.jdbcUrl(), EmbeddedDatabase.USER,
                        crashed.password())) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(folder, passwordFile))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("that an earlier run left on " + folder + " is still used by 1 other connection")
                .hasMessageContaining("docs/operations.md, \"Running a cluster\"");
            assertThat(select(otherNode)).as("the other client's connection still works").isEqualTo(1);
        }
    }

    private static int select(Connection connection) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
