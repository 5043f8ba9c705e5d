package io.pushtrain.server;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real thing: the demo server is killed with SIGKILL in the middle of its first push,
 * started again on the same folder, and the push finishes with nothing lost or doubled.
 */
@Tag("slow")
class PushKillIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path workDir;

    @Test
    void aPushKilledMidwayFinishesAfterARestartWithEveryPickShippedOnce() throws Exception {
        int port = ServerProcess.freePort();
        String[] args = { "--pushtrain.push.lease=3s", "--pushtrain.push.tick=300ms", "--pushtrain.demo-presence-hold=2s" };
        String auth;
        long live;
        try (ServerProcess first = ServerProcess.start(workDir, port, args)) {
            first.awaitStarted(Duration.ofMinutes(3));
            auth = Http.basic("admin", first.adminPassword());
            // demo mode records four weeks of history first: the live push is the running one, not push 1
            live = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> runningPush(first, auth), id -> id > 0);
            long id = live;
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> step(push(first, auth, id), "presence").equals("RUNNING"));
            first.kill();
        }

        try (ServerProcess second = ServerProcess.start(workDir, port, args)) {
            second.awaitStarted(Duration.ofMinutes(3));
            assertThat(second.stdout()).contains("Stopping a PostgreSQL").doesNotContain("Password:");
            long id = live;
            JsonNode push = await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> push(second, auth, id), p -> !p.get("state").asString().equals("RUNNING"));

            assertThat(push.get("state").asString()).isEqualTo("DONE");
            List<String> outcomes = push.get("picks").findValuesAsString("state");
            assertThat(outcomes).isNotEmpty().allMatch(s -> s.equals("SHIPPED") || s.equals("CONFLICT"));
            Set<String> picked = new HashSet<>();
            List<String> pickedList = new ArrayList<>();
            for (JsonNode pick : push.get("picks")) {
                if (pick.get("state").asString().equals("SHIPPED")) {
                    pickedList.add(pick.get("pickedCommit").asString());
                    picked.add(pick.get("pickedCommit").asString());
                }
            }
            assertThat(pickedList).hasSameSizeAs(picked);
            for (String commit : picked) {
                JsonNode rev = body(Http.get(second.url("/api/revs/" + commit), auth));
                assertThat(rev.get("trains").get(0).get("branch").asString()).isEqualTo(push.get("branch").asString());
            }
        }
    }

    private static JsonNode push(ServerProcess server, String auth, long id) throws Exception {
        return body(Http.get(server.url("/api/pushes/" + id), auth));
    }

    /** The id of the running push, or 0 while there is none. */
    private static long runningPush(ServerProcess server, String auth) throws Exception {
        for (JsonNode push : body(Http.get(server.url("/api/pushes"), auth))) {
            if (push.get("state").asString().equals("RUNNING")) {
                return push.get("id").asLong();
            }
        }
        return 0;
    }

    private static String step(JsonNode push, String name) {
        for (JsonNode step : push.get("steps")) {
            if (step.get("name").asString().equals(name)) {
                return step.get("state").asString();
            }
        }
        return "";
    }

    private static JsonNode body(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
