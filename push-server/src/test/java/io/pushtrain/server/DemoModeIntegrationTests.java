package io.pushtrain.server;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command on a fresh machine: embedded PostgreSQL, a printed admin, data kept,
 * and a SIGTERM that stops it quickly and quietly, the application before its database.
 */
@Tag("slow")
class DemoModeIntegrationTests {

    @TempDir
    Path workDir;

    @Test
    void freshStartPrintsAnAdminWhoseCredentialsOpenTheApiAndARestartKeepsThem() throws Exception {
        String password;
        int port = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.startJar(workDir, port)) {
            server.awaitStarted(Duration.ofMinutes(3));
            password = server.adminPassword();

            HttpResponse<String> health = Http.get(server.url("/actuator/health"), null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"database\":\"PostgreSQL\"");

            HttpResponse<String> anonymous = Http.get(server.url("/api/trains"), null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(anonymous.body()).contains("\"status\":401").contains("\"detail\"");

            HttpResponse<String> admin = Http.get(server.url("/api/trains"), Http.basic("admin", password));
            assertThat(admin.statusCode()).isEqualTo(200);
            assertThat(workDir.resolve("pushtrain-data/postgres/PG_VERSION")).exists();
            theLogNamesTheDashboardAndItsLoginPageIsItsOwn(server, port);
            theDemoPushWaitsForPresenceUntilSomeoneSignsIn(server, password);
            theDemoPushReachesTheDemoHosts(server, password);
            aDemoDeveloperSignsInWithThePrintedPasswordAndRequestsAPickFromTheQueue(server);
            theDemosActionsAreInTheAuditLog(server, password);
            aSigtermStopsTheApplicationThenItsDatabaseWithinSeconds(server);
        }

        try (ServerProcess again = ServerProcess.start(workDir, port)) {
            again.awaitStarted(Duration.ofMinutes(3));
            assertThat(again.stdout()).doesNotContain("Password:");
            assertThat(Http.get(again.url("/api/trains"), Http.basic("admin", password)).statusCode()).isEqualTo(200);
            assertThat(Http.get(again.url("/api/trains"), Http.basic("admin", "wrong")).statusCode()).isEqualTo(401);
        }
    }

    /** Measured before: the log never printed the dashboard's address; /login was the framework's page; favicon 404. */
    private void theLogNamesTheDashboardAndItsLoginPageIsItsOwn(ServerProcess server, int port) throws Exception {
        assertThat(server.awaitLog("Dashboard: http://", Duration.ofSeconds(10))).as(server.stdout()).isTrue();
        assertThat(server.stdout()).containsPattern("Dashboard: http://\\S+:" + port + "/ ");
        HttpResponse<String> login = Http.get(server.url("/login"), null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("/css/dashboard.css").contains("login-card").contains("favicon.svg");
        for (String icon : List.of("/favicon.ico", "/favicon.svg")) {
            HttpResponse<String> favicon = Http.get(server.url(icon), null);
            assertThat(favicon.statusCode()).as(icon).isEqualTo(200);
            assertThat(favicon.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/"));
        }
    }

    /**
     * Measured before: the demo push was over about 26 s after start, before a newcomer could sign in.
     * Now the demo developers hold their answers until the first sign-in through the login form.
     */
    private void theDemoPushWaitsForPresenceUntilSomeoneSignsIn(ServerProcess server, String password) throws Exception {
        Matcher running = Pattern.compile("push (\\d+) ").matcher(server.stdout().substring(
                server.stdout().indexOf("Demo mode:")));
        assertThat(running.find()).as(server.stdout()).isTrue();
        String auth = Http.basic("admin", password);
        Thread.sleep(Duration.ofSeconds(25).toMillis());
        String push = Http.get(server.url("/api/pushes/" + running.group(1)), auth).body();
        assertThat(push).as(push).contains("\"state\":\"RUNNING\"")
            .containsPattern("\"name\":\"presence\",\"state\":\"RUNNING\"");
        FormLogin.signIn(server.url(""), "admin", password);
        assertThat(server.awaitLog("Demo developers answer the presence ping now: admin signed in", Duration.ofSeconds(10)))
            .isTrue();
    }

    /** The demo's cut, its seeded approvals and its push are in the audit log, like anyone's actions. */
    private void theDemosActionsAreInTheAuditLog(ServerProcess server, String password) throws Exception {
        HttpResponse<String> demo = Http.get(server.url("/api/audit?actor=demo&limit=500"), Http.basic("admin", password));
        assertThat(demo.statusCode()).as(demo.body()).isEqualTo(200);
        assertThat(demo.body()).contains("\"action\":\"train cut\"").contains("\"action\":\"push start\"");
        HttpResponse<String> approvals = Http.get(server.url("/api/audit?actor=admin&object=pick&limit=500"),
                Http.basic("admin", password));
        assertThat(approvals.statusCode()).as(approvals.body()).isEqualTo(200);
        assertThat(approvals.body()).contains("\"action\":\"pick approve\"").contains("\"reason\":\"demo\"");
    }

    /** The demo prints each developer's password; with it they use the queue's own request form. */
    private void aDemoDeveloperSignsInWithThePrintedPasswordAndRequestsAPickFromTheQueue(ServerProcess server)
            throws Exception {
        Matcher printed = Pattern.compile("\\s+dana / (\\S+)").matcher(server.stdout());
        assertThat(printed.find()).as("dana's password in the log:%n%s", server.stdout()).isTrue();
        HttpClient dana = FormLogin.session(server.url(""), "dana", printed.group(1));
        String queue = page(dana, server.url("/queue"));
        assertThat(queue).contains("id=\"request-pick\"");
        HttpResponse<String> sent = dana.send(HttpRequest.newBuilder(
                URI.create(server.url("/queue/request")))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("commit=deadbeef00&reason=users+cannot+log+in&_csrf="
                    + URLEncoder.encode(FormLogin.csrf(queue), StandardCharsets.UTF_8)))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(page(dana, server.url("/queue"))).contains("unknown revision deadbeef00: no such commit in trunk");
    }

    private static String page(HttpClient browser, String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Six demo host agents in three racks register, and the demo push's build ends up running on all of them. */
    private void theDemoPushReachesTheDemoHosts(ServerProcess server, String password) throws Exception {
        Matcher running = Pattern.compile("push (\\d+) waits for presence").matcher(server.stdout());
        assertThat(running.find()).as(server.stdout()).isTrue();
        String artifact = "push-" + running.group(1);
        String auth = Http.basic("admin", password);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        String hosts = Http.get(server.url("/api/hosts"), auth).body();
        String runsIt = "\"version\":\"" + artifact + "\",\"state\":\"RUNNING\"";
        while (countOf(hosts, runsIt) < 6 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            hosts = Http.get(server.url("/api/hosts"), auth).body();
        }
        assertThat(hosts).contains("\"name\":\"web-1\"", "\"name\":\"web-6\"", "\"rack\":\"demo-rack-3\"",
                "\"tier\":\"dogfood\"", "\"tier\":\"canary\"", "\"tier\":\"prod\"");
        assertThat(countOf(hosts, "\"name\":\"web-")).as(hosts).isEqualTo(6);
        assertThat(countOf(hosts, runsIt)).as("hosts running %s after the demo push: %s", artifact, hosts).isEqualTo(6);
        assertThat(workDir.resolve("pushtrain-data/demo-hosts/web-1/releases/" + artifact)).isDirectory();
    }

    /**
     * Measured before the fix: 36 s to 4 min and 57-250 WARN/ERROR lines, because the embedded
     * PostgreSQL's own shutdown hook stopped the database while the demo's host agents, the tracker
     * and Quartz still waited 30 s each for a connection.
     */
    private void aSigtermStopsTheApplicationThenItsDatabaseWithinSeconds(ServerProcess server) throws Exception {
        int before = server.stdout().length();
        Duration took = server.terminate(Duration.ofSeconds(60));
        String shutdown = server.stdout().substring(before);
        List<String> loud = shutdown.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
            .toList();
        assertThat(took).as("SIGTERM to exit; the log of the shutdown:%n%s", shutdown)
            .isLessThan(Duration.ofSeconds(5));
        assertThat(loud).as(shutdown).noneMatch(line -> line.contains(" ERROR ")).hasSizeLessThanOrEqualTo(2);
        int quartz = shutdown.indexOf("Shutting down Quartz Scheduler");
        int database = shutdown.indexOf("Stopping embedded PostgreSQL");
        assertThat(quartz).as(shutdown).isNotNegative();
        assertThat(database).as("the database stops last:%n%s", shutdown).isGreaterThan(quartz);
        assertThat(shutdown.substring(database)).as("nothing uses the database after it stopped")
            .doesNotContain("Connection is not available", "Failed to obtain");
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
