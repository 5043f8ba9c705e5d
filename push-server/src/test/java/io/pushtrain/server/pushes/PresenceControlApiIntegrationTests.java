package io.pushtrain.server.pushes;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.pushtrain.server.Http;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.pushtrain.server.Http.refused;
import static io.pushtrain.server.Http.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The release engineer's hand on a push's presence wait over the API: extend it (and two
 * extensions at once both count), skip one requester (their picks are DEFERRED now), end it
 * (the rest go on at once); and each refusal with a problem detail saying why.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.push.presence-window=10m", "pushtrain.push.tick=200ms", "pushtrain.schedule.enabled=false",
        "pushtrain.build.command=tar czf ../app.tar.gz . && echo ../app.tar.gz" })
class PresenceControlApiIntegrationTests {

    static final JsonMapper json = JsonMapper.builder().build();
    static TestTrunk remote;
    static ObjectId base;
    static ObjectId login;
    static ObjectId feed;
    static ObjectId cache;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("presence-api");
        base = remote.commit("ann", "Start the app", Map.of("web/login.html", "<form>\n</form>\n",
                "api/feed.py", "def feed():\n    return []\n", "photos/cache.py", "SIZE = 10\n"));
        login = remote.commit("dana", "Fix the login form", Map.of("web/login.html", "<form method=post>\n</form>\n"));
        feed = remote.commit("eve", "Feed returns items", Map.of("api/feed.py", "def feed():\n    return items()\n"));
        cache = remote.commit("finn", "Grow the photo cache", Map.of("photos/cache.py", "SIZE = 20\n"));
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

    @Test
    void theReleaseEngineerExtendsSkipsAndEndsTheWaitAndTheRestGoOn() throws Exception {
        String re = token("re-pc", Role.RELEASE_ENGINEER);
        String dana = token("dana-pc", Role.DEVELOPER);
        String eve = token("eve-pc", Role.DEVELOPER);
        String finn = token("finn-pc", Role.DEVELOPER);
        body(post("/api/trains", re, "{\"from\":\"" + base.name() + "\",\"force\":true}"), 201);
        long danas = approved(re, dana, login);
        long eves = approved(re, eve, feed);
        long finns = approved(re, finn, cache);
        long push = body(post("/api/pushes", re, "{}"), 201).get("id").asLong();
        String presence = "/api/pushes/" + push + "/presence";
        Instant asked = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
            .until(() -> body(get("/api/pushes/" + push, re), 200).get("presenceDeadline"), d -> !d.isNull())
            .map(d -> Instant.parse(d.asString()));

        Instant extended = deadline(body(post(presence, re, "{\"action\":\"extend\",\"by\":\"10m\"}"), 200));
        assertThat(extended).isEqualTo(asked.plus(Duration.ofMinutes(10)));
        assertThat(deadline(body(post(presence, re, "{\"action\":\"extend\",\"by\":\"PT30S\"}"), 200)))
            .isEqualTo(extended.plusSeconds(30));
        assertThat(deadline(allAtOnce(8, presence, re, "{\"action\":\"extend\",\"by\":\"1m\"}")))
            .as("eight extensions at once, while the presence step reads the row every 200 ms: none lost")
            .isEqualTo(extended.plusSeconds(30).plus(Duration.ofMinutes(8)));

        refused(post(presence, re, "{\"action\":\"extend\",\"by\":\"ten minutes\"}"), 400,
                "\"ten minutes\" is not a duration: write 10m, 90s, 1h, or ISO-8601 like PT10M");
        refused(post(presence, re, "{\"action\":\"extend\"}"), 400, "say how much longer to wait");
        refused(post(presence, re, "{\"action\":\"extend\",\"by\":\"0s\"}"), 400, "one second to 12 hours");
        refused(post(presence, re, "{\"action\":\"extend\",\"by\":\"13h\"}"), 400, "one second to 12 hours, not 13 h");
        refused(post(presence, re, "{\"action\":\"extend\",\"by\":\"-PT5M\"}"), 400, "not a negative time");
        refused(post(presence, re, "{\"action\":\"pause\"}"), 400, "{\"action\": \"end\"}");
        refused(post(presence, re, "{}"), 400, "say what to do with the presence wait");
        refused(post(presence, re, "{\"action\":\"end\",\"by\":\"5m\"}"), 400, "takes no \"by\"");
        refused(post(presence, dana, "{\"action\":\"end\"}"), 403, "");
        refused(post("/api/pushes/999999/presence", re, "{\"action\":\"end\"}"), 404, "there is no push 999999");

        JsonNode skipped = body(post(presence + "/skip", re, "{\"user\":\"dana-pc\"}"), 200);
        assertThat(pick(skipped, danas).get("state").asString()).isEqualTo("DEFERRED");
        JsonNode danasPick = body(get("/api/picks/" + danas, dana), 200);
        assertThat(danasPick.get("state").asString()).isEqualTo("DEFERRED");
        assertThat(danasPick.get("push").isNull()).as("out of the push, for the next one").isTrue();
        assertThat(body(get("/api/picks/" + eves, eve), 200).get("state").asString()).isEqualTo("APPROVED");
        refused(post(presence + "/skip", re, "{\"user\":\"dana-pc\"}"), 409,
                "dana-pc has no picks in push " + push + " waiting for presence");
        refused(post(presence + "/skip", re, "{\"user\":\" \"}"), 400, "name the requester to skip");
        refused(post(presence + "/skip", eve, "{\"user\":\"finn-pc\"}"), 403, "");
        body(post("/api/picks/" + eves + "/confirm", eve, ""), 200);
        refused(post(presence + "/skip", re, "{\"user\":\"eve-pc\"}"), 409,
                "eve-pc has confirmed every pick of theirs in push " + push);
        assertThat(body(get("/api/pushes/" + push, re), 200).get("state").asString())
            .as("still waiting for finn, minutes before the deadline").isEqualTo("RUNNING");

        body(post(presence, re, "{\"action\":\"end\"}"), 200);
        JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
            .until(() -> body(get("/api/pushes/" + push, re), 200), p -> !p.get("state").asString().equals("RUNNING"));
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("DONE");
        assertThat(step(done, "presence").get("detail").asString()).contains("1 confirmed, 1 deferred")
            .contains("finn-pc did not show up");
        assertThat(body(get("/api/picks/" + eves, eve), 200).get("state").asString()).isEqualTo("SHIPPED");
        assertThat(body(get("/api/picks/" + finns, finn), 200).get("state").asString()).isEqualTo("DEFERRED");
        assertThat(pick(done, danas).get("detail").asString()).contains("skipped by re-pc");

        refused(post(presence, re, "{\"action\":\"end\"}"), 409,
                "push " + push + " is not waiting for presence: it has ended (DONE)");
        refused(post(presence + "/skip", re, "{\"user\":\"finn-pc\"}"), 409, "is not waiting for presence");
    }

    /** The same request from {@code n} threads at once; answers the last answer's body. */
    private JsonNode allAtOnce(int n, String path, String auth, String body) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(threads.submit(() -> post(path, auth, body)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                body(answer.get(), 200);
            }
            return body(get(path.replace("/presence", ""), auth), 200);
        }
        finally {
            threads.shutdown();
        }
    }

    private long approved(String re, String requester, ObjectId commit) throws Exception {
        long id = body(post("/api/picks", requester, "{\"commit\":\"" + commit.name() + "\",\"reason\":\"users need it\"}"),
                201).get("id").asLong();
        body(post("/api/picks/" + id + "/approve", re, "{}"), 200);
        return id;
    }

    private static Instant deadline(JsonNode push) {
        return Instant.parse(push.get("presenceDeadline").asString());
    }

    private static JsonNode pick(JsonNode push, long id) {
        for (JsonNode pick : push.get("picks")) {
            if (pick.get("id").asLong() == id) {
                return pick;
            }
        }
        throw new AssertionError("push has no pick " + id + ": " + push);
    }

    private static JsonNode step(JsonNode push, String name) {
        for (JsonNode step : push.get("steps")) {
            if (step.get("name").asString().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("push has no step " + name + ": " + push);
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
