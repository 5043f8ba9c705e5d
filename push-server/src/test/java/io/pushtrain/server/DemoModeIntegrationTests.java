package io.pushtrain.server;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command on a fresh machine: embedded PostgreSQL, a printed admin, data kept. */
@Tag("slow")
class DemoModeIntegrationTests {

    @TempDir
    Path workDir;

    @Test
    void freshStartPrintsAnAdminWhoseCredentialsOpenTheApiAndARestartKeepsThem() throws Exception {
        String password;
        int port = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(workDir, port)) {
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
            server.stop();
        }

        try (ServerProcess again = ServerProcess.start(workDir, port)) {
            again.awaitStarted(Duration.ofMinutes(3));
            assertThat(again.stdout()).doesNotContain("Password:");
            assertThat(Http.get(again.url("/api/trains"), Http.basic("admin", password)).statusCode()).isEqualTo(200);
            assertThat(Http.get(again.url("/api/trains"), Http.basic("admin", "wrong")).statusCode()).isEqualTo(401);
        }
    }
}
