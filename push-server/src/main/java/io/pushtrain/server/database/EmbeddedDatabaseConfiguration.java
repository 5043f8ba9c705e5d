package io.pushtrain.server.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, pushtrain runs its own PostgreSQL under the data
 * folder, so a fresh machine needs nothing but a JDK and a restart keeps everything.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {

    /** The embedded data source's pool: the one data source that may use the embedded database. */
    static final String POOL = "embedded-postgres";

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(DataDirectory dataDirectory) {
        return EmbeddedDatabase.start(dataDirectory.resolve("postgres"), dataDirectory.resolve(EmbeddedDatabase.PASSWORD_FILE));
    }

    @Bean
    DataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(EmbeddedDatabase.USER);
        dataSource.setPassword(database.password());
        dataSource.setPoolName(POOL);
        dataSource.setMaximumPoolSize(20);
        return dataSource;
    }
}
