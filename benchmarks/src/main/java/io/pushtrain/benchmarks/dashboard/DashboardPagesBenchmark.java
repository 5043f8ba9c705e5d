package io.pushtrain.benchmarks.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushtrain.testsupport.TestPostgres;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Server time of the dashboard's queue and history pages with a year of history in the
 * database: 10,000 picks by 1,000 developers and 500 pushes. Starts the dashboard with
 * release-train and karma in-process on an embedded PostgreSQL (or {@code --db-url}), writes
 * the rows with plain SQL, then times each page over loopback HTTP and prints the medians.
 *
 * <pre>java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     io.pushtrain.benchmarks.dashboard.DashboardPagesBenchmark --picks 10000 --pushes 500 --rounds 50</pre>
 */
public final class DashboardPagesBenchmark {

    private DashboardPagesBenchmark() {
    }

    /** The dashboard, release-train and karma, nothing of push-server. */
    @SpringBootApplication(scanBasePackages = { "io.pushtrain.train", "io.pushtrain.karma", "io.pushtrain.dashboard" })
    @ConfigurationPropertiesScan("io.pushtrain")
    @EntityScan("io.pushtrain")
    @EnableJpaRepositories("io.pushtrain")
    static class Dashboard {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int picks = Integer.parseInt(options.getOrDefault("picks", "10000"));
        int pushes = Integer.parseInt(options.getOrDefault("pushes", "500"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "50"));
        List<String> properties = new ArrayList<>(List.of("--server.port=0", "--pushtrain.schedule.enabled=false",
                "--spring.security.user.name=bench", "--spring.security.user.password=bench",
                "--spring.security.user.roles=RELEASE_ENGINEER", "--logging.level.root=warn",
                "--pushtrain.data-dir=" + java.nio.file.Files.createTempDirectory("dashboard-bench")));
        datasource(options, properties);
        long started = System.nanoTime();
        try (ConfigurableApplicationContext app = SpringApplication.run(Dashboard.class,
                properties.toArray(String[]::new))) {
            System.out.printf("application started in %.1f s%n", (System.nanoTime() - started) / 1e9);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long seeded = System.nanoTime();
            History.write(jdbc, picks, pushes);
            System.out.printf("wrote %s picks, %s pushes in %.1f s (%s open in the queue)%n",
                    jdbc.queryForObject("SELECT count(*) FROM train_pick", Long.class),
                    jdbc.queryForObject("SELECT count(*) FROM train_push", Long.class),
                    (System.nanoTime() - seeded) / 1e9, jdbc.queryForObject(
                            "SELECT count(*) FROM train_pick WHERE state IN ('REQUESTED','APPROVED','CONFIRMED','DEFERRED')",
                            Long.class));
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            measure(port, rounds);
        }
    }

    private static void datasource(Map<String, String> options, List<String> properties) {
        if (options.containsKey("db-url")) {
            properties.add("--spring.datasource.url=" + options.get("db-url"));
            properties.add("--spring.datasource.username=" + options.getOrDefault("db-user", "postgres"));
            properties.add("--spring.datasource.password=" + options.getOrDefault("db-password", ""));
            return;
        }
        TestPostgres postgres = TestPostgres.get();
        properties.add("--spring.datasource.url=" + postgres.jdbcUrl());
        properties.add("--spring.datasource.username=" + postgres.username());
        properties.add("--spring.datasource.password=" + postgres.password());
    }

    private static void measure(int port, int rounds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString("bench:bench".getBytes(StandardCharsets.UTF_8));
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("queue (all open requests)", "/queue");
        pages.put("queue, sorted by risk", "/queue?sort=risk");
        pages.put("history, 4 weeks (default)", "/history");
        pages.put("history, 52 weeks (all pushes)", "/history?weeks=52");
        pages.put("today's push", "/");
        System.out.printf("%-34s %10s %10s %10s %10s%n", "page", "median", "p90", "max", "size");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + page.getValue()))
                .header("Authorization", auth).header("Accept", "text/html").build();
            for (int i = 0; i < 10; i++) {
                check(http.send(request, HttpResponse.BodyHandlers.ofString()), page.getValue());
            }
            double[] millis = new double[rounds];
            int size = 0;
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = check(http.send(request, HttpResponse.BodyHandlers.ofString()),
                        page.getValue());
                millis[i] = (System.nanoTime() - start) / 1e6;
                size = response.body().length();
            }
            java.util.Arrays.sort(millis);
            System.out.printf("%-34s %8.1f ms %7.1f ms %7.1f ms %7d kB%n", page.getKey(), millis[rounds / 2],
                    millis[(int) (rounds * 0.9)], millis[rounds - 1], size / 1024);
        }
    }

    private static HttpResponse<String> check(HttpResponse<String> response, String path) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return response;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
