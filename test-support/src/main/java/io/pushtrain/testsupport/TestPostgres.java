package io.pushtrain.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL per test JVM, migrated by Flyway with the project's migrations.
 *
 * <p>Testcontainers' PostgreSQL where a Docker engine answers, embedded PostgreSQL otherwise.
 * {@code PUSHTRAIN_TEST_DB=embedded} or {@code =docker} forces one of them.
 */
public final class TestPostgres {

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

    private static volatile TestPostgres instance;

    private final String jdbcUrl;
    private final String username;
    private final String password;

    private TestPostgres(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** The shared database, started and migrated on first use. */
    public static TestPostgres get() {
        TestPostgres local = instance;
        if (local == null) {
            synchronized (TestPostgres.class) {
                local = instance;
                if (local == null) {
                    local = start();
                    local.migrate();
                    instance = local;
                }
            }
        }
        return local;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(username);
        dataSource.setPassword(password);
        return dataSource;
    }

    private void migrate() {
        Flyway.configure().dataSource(jdbcUrl, username, password).load().migrate();
    }

    private static TestPostgres start() {
        String choice = System.getenv().getOrDefault("PUSHTRAIN_TEST_DB", "auto");
        if (choice.equals("docker") || (choice.equals("auto") && dockerAnswers())) {
            return startContainer();
        }
        return startEmbedded();
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    @SuppressWarnings("resource") // lives as long as the test JVM; Testcontainers' reaper removes it
    private static TestPostgres startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        log.info("Tests use PostgreSQL in a container at {}", container.getJdbcUrl());
        return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static TestPostgres startEmbedded() {
        try {
            Path dataDir = Files.createTempDirectory("pushtrain-test-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
            String url = postgres.getJdbcUrl("postgres", "postgres");
            log.info("Tests use embedded PostgreSQL at {}", url);
            return new TestPostgres(url, "postgres", "");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("embedded PostgreSQL for tests did not start", ex);
        }
    }
}
