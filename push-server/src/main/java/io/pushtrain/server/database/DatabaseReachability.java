package io.pushtrain.server.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;
import io.pushtrain.server.StartupProblem;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Tries one connection as soon as the data source exists, so an unreachable database is
 * reported at once, naming its URL, rather than after a pool timeout deep inside Flyway.
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
        }
        catch (SQLException ex) {
            throw new StartupProblem("the database at " + dataSource.getJdbcUrl() + " is unreachable ("
                    + StartupMessages.shortCause(ex) + ")",
                    "start PostgreSQL there or correct spring.datasource.url/username/password,"
                            + " or remove spring.datasource.url to use the embedded database",
                    ex);
        }
    }
}
