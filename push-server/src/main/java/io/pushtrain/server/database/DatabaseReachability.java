package io.pushtrain.server.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import io.pushtrain.server.StartupProblem;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Tries one connection as soon as the data source exists, so an unreachable database is
 * reported at once, naming its URL, rather than after a pool timeout deep inside Flyway. The same
 * connection asks whether the database is another server's embedded one, which serves one node.
 */
@Component
class DatabaseReachability implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            check(hikari);
        }
        return bean;
    }

    private static void check(HikariDataSource dataSource) {
        DriverManager.setLoginTimeout(15);
        try (Connection connection = DriverManager.getConnection(dataSource.getJdbcUrl(),
                dataSource.getUsername(), dataSource.getPassword())) {
            connection.isValid(5);
            if (!EmbeddedDatabaseConfiguration.POOL.equals(dataSource.getPoolName())) {
                refuseAnotherServersEmbeddedDatabase(connection, dataSource.getJdbcUrl());
            }
        }
        catch (SQLException ex) {
            throw new StartupProblem("the database at " + dataSource.getJdbcUrl() + " is unreachable ("
                    + StartupMessages.shortCause(ex) + ")",
                    "start PostgreSQL there or correct spring.datasource.url/username/password,"
                            + " or remove spring.datasource.url to use the embedded database",
                    ex);
        }
    }

    private static void refuseAnotherServersEmbeddedDatabase(Connection connection, String url) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                        + " WHERE shobj_description(oid, 'pg_database') LIKE '" + EmbeddedDatabase.MARK + "%'")) {
            if (rows.next()) {
                throw new StartupProblem("the database at " + url + " is the embedded PostgreSQL of another pushtrain server"
                        + " (" + rows.getString(1) + "), and the embedded database serves one node",
                        "run this node on its own data folder without spring.datasource.url, or run every node on your own"
                                + " PostgreSQL: see docs/operations.md, \"Running a cluster\"",
                        null);
            }
        }
    }
}
