package io.pushtrain.server;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.pushtrain.server.Http.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The release train driven through its public API only, as the release engineer and two
 * developers would: cut, request (clean, conflicting, unknown, duplicate), approve, confirm,
 * push, and look the revisions up.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.push.presence-window=3s", "pushtrain.push.tick=200ms", "pushtrain.schedule.enabled=false",
        "pushtrain.build.command=tar czf ../app.tar.gz . && echo ../app.tar.gz", "pushtrain.test.tick=200ms",
        "pushtrain.test.commands=mkdir -p r && echo '<testsuite name=\"web\"><testcase name=\"login\"/></testsuite>' > r/TEST-web.xml",
        "pushtrain.test.reports=r/*.xml", "pushtrain.perf.command=echo 'login_ms 12.5 ms'", "pushtrain.perf.min-runs=5",
        "pushtrain.perf.max-runs=5" })
class ReleaseTrainApiIntegrationTests {

    static final JsonMapper json = JsonMapper.builder().build();
    static TestTrunk remote;
    static ObjectId base;
    static ObjectId clean;
    static ObjectId first;
    static ObjectId conflicting;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("api-scenario");
        base = remote.commit("ann", "Start the app", Map.of("web/login.html", "<form>\n</form>\n",
                "api/feed.py", "def feed():\n    return []\n"));
        clean = remote.commit("dana", "Fix the login form", Map.of("web/login.html", "<form method=post>\n</form>\n"));
        first = remote.commit("eve", "Feed returns items", Map.of("api/feed.py", "def feed():\n    return items()\n"));
        conflicting = remote.commit("eve", "Feed is paged", Map.of("api/feed.py", "def feed():\n    return items()[:20]\n"));
        remote.serveTo(registry);
    }

    @AfterAll
    static void closeRemote() {
        remote.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void aDayOfPicksThroughTheApi() throws Exception {
        String re = token("re-api", Role.RELEASE_ENGINEER);
        String dana = token("dana-api", Role.DEVELOPER);
        String eve = token("eve-api", Role.DEVELOPER);

        JsonNode train = body(post("/api/trains", re, "{\"from\":\"" + base.name() + "\",\"force\":true}"), 201);
        String branch = train.get("branch").asString();

        JsonNode danaPick = body(post("/api/picks", dana, pick(clean)), 201);
        assertThat(danaPick.get("state").asString()).isEqualTo("REQUESTED");
        assertThat(danaPick.get("filesChanged").asInt()).isEqualTo(1);
        assertThat(danaPick.get("requester").asString()).isEqualTo("dana-api");
        assertThat(danaPick.has("risk")).isTrue();
        JsonNode evePick = body(post("/api/picks", eve, pick(conflicting)), 201);

        JsonNode duplicate = body(post("/api/picks", eve, pick(clean)), 200);
        assertThat(duplicate.get("id").asLong()).isEqualTo(danaPick.get("id").asLong());
        HttpResponse<String> unknown = post("/api/picks", dana, "{\"commit\":\"deadbeef\",\"reason\":\"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown revision deadbeef");
        HttpResponse<String> alreadyThere = post("/api/picks", dana, pick(base));
        assertThat(alreadyThere.statusCode()).isEqualTo(409);
        assertThat(alreadyThere.body()).contains("already on " + branch);
        assertThat(post("/api/picks/" + danaPick.get("id") + "/approve", dana, "{}").statusCode()).isEqualTo(403);

        for (JsonNode pick : new JsonNode[] { danaPick, evePick }) {
            body(post("/api/picks/" + pick.get("id") + "/approve", re, "{\"reason\":\"needed\"}"), 200);
        }
        assertThat(post("/api/picks/" + danaPick.get("id") + "/confirm", eve, "").statusCode()).isEqualTo(403);
        body(post("/api/picks/" + danaPick.get("id") + "/confirm", dana, ""), 200);
        body(post("/api/picks/" + evePick.get("id") + "/confirm", eve, ""), 200);

        long pushId = body(post("/api/pushes", re, "{}"), 201).get("id").asLong();
        JsonNode push = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
            .until(() -> body(get("/api/pushes/" + pushId, dana), 200), p -> !p.get("state").asString().equals("RUNNING"));

        assertThat(push.get("state").asString()).isEqualTo("DONE");
        assertThat(push.get("progress").asInt()).isEqualTo(100);
        assertThat(push.get("steps").findValuesAsString("name")).startsWith("select", "presence", "merge")
            .containsSubsequence("merge", "test", "perf", "build", "land").endsWith("done");
        assertThat(state(danaPick, dana)).isEqualTo("SHIPPED");
        JsonNode conflicted = body(get("/api/picks/" + evePick.get("id"), eve), 200);
        assertThat(conflicted.get("state").asString()).isEqualTo("CONFLICT");
        assertThat(conflicted.get("conflictingPaths").get(0).asString()).isEqualTo("api/feed.py");

        JsonNode tests = body(get("/api/pushes/" + pushId + "/tests", dana), 200);
        assertThat(tests).singleElement().satisfies(run -> {
            assertThat(run.get("state").asString()).isEqualTo("PASSED");
            assertThat(run.get("tests").asInt()).isEqualTo(1);
            assertThat(run.get("picks").get(0).asLong()).isEqualTo(danaPick.get("id").asLong());
        });
        JsonNode perf = body(get("/api/perf?commit=" + clean.name().substring(0, 10), dana), 200);
        assertThat(perf).singleElement().satisfies(c -> {
            assertThat(c.get("regressed").asBoolean()).isFalse();
            assertThat(c.get("verdicts").get(0).get("metric").asString()).isEqualTo("login_ms");
            assertThat(c.get("verdicts").get(0).get("kind").asString()).isEqualTo("NO_CHANGE");
        });
        assertThat(post("/api/picks/" + danaPick.get("id") + "/override", dana, "{\"reason\":\"fine\"}").statusCode())
            .isEqualTo(403);
        HttpResponse<String> notRegressed = post("/api/picks/" + danaPick.get("id") + "/override", re,
                "{\"reason\":\"fine\"}");
        assertThat(notRegressed.statusCode()).isEqualTo(409);
        assertThat(notRegressed.body()).contains("only a pick held back for a perf regression");
        assertThat(get("/api/perf?commit=zz", dana).statusCode()).isEqualTo(400);
        assertThat(get("/api/pushes/999999/tests", dana).statusCode()).isEqualTo(404);

        JsonNode rev = body(get("/api/revs/" + clean.name().substring(0, 10), dana), 200);
        assertThat(rev.get("onTrunk").asBoolean()).isTrue();
        assertThat(rev.get("trains").get(0).get("branch").asString()).isEqualTo(branch);
        assertThat(rev.get("trains").get(0).get("how").asString()).isEqualTo("picked");
        assertThat(body(get("/api/revs/" + conflicting.name(), dana), 200).get("trains")).isEmpty();
        String made = body(get("/api/picks/" + danaPick.get("id"), dana), 200).get("pickedCommit").asString();
        JsonNode madeRev = body(get("/api/revs/" + made, dana), 200);
        assertThat(madeRev.get("madeBy").get("id").asLong()).isEqualTo(danaPick.get("id").asLong());
        assertThat(madeRev.get("madeBy").get("push").asLong()).isEqualTo(pushId);
        assertThat(madeRev.get("trains").get(0).get("how").asString())
            .isEqualTo("made by push " + pushId + " as pick #" + danaPick.get("id").asLong());
        people.create(new NewPerson("browser-api", Set.of(Role.DEVELOPER), null, encoder.encode("pw-browser")));
        assertThat(get("/r/" + clean.name(), Http.basic("browser-api", "pw-browser")).headers().firstValue("Location"))
            .contains("/api/revs/" + clean.name());
    }

    private String state(JsonNode pick, String token) throws Exception {
        return body(get("/api/picks/" + pick.get("id"), token), 200).get("state").asString();
    }

    private static String pick(ObjectId commit) {
        return "{\"commit\":\"" + commit.name() + "\",\"reason\":\"users cannot log in\"}";
    }

    private String token(String name, Role role) {
        people.create(new NewPerson(name, Set.of(role), null, null));
        return Http.bearer(people.issueToken(name, "test"));
    }

    private HttpResponse<String> post(String path, String auth, String body) throws Exception {
        return Http.post("http://127.0.0.1:" + port + path, auth, body);
    }

    private HttpResponse<String> get(String path, String auth) throws Exception {
        return Http.get("http://127.0.0.1:" + port + path, auth);
    }
}
