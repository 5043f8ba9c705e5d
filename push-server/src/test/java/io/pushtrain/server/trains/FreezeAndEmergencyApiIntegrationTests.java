package io.pushtrain.server.trains;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pushtrain.server.Http;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.PushState;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.Role;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
 * A frozen train refuses every push, manual and scheduled, with the reason; an emergency push
 * still starts, takes only the picks it names, skips the presence wait and says so in its view.
 */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.push.presence-window=2s", "pushtrain.push.tick=200ms", "pushtrain.schedule.enabled=true",
        // Stored in Quartz but never due while the test runs: the test fires the pick push itself.
        "pushtrain.schedule.cut=0 0 3 1 1 ? 2099", "pushtrain.schedule.release=0 0 3 1 1 ? 2099",
        "pushtrain.schedule.pushes=0 0 3 1 1 ? 2099",
        "pushtrain.build.command=tar czf ../app.tar.gz . && echo ../app.tar.gz" })
class FreezeAndEmergencyApiIntegrationTests {

    static final JsonMapper json = JsonMapper.builder().build();
    static TestTrunk remote;
    static ObjectId base;
    static ObjectId login;
    static ObjectId feed;
    static ObjectId cache;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("freeze-api");
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

    @Autowired
    Pushes pushes;

    @Autowired
    Scheduler scheduler;

    @Test
    void aFrozenTrainRefusesManualAndScheduledPushesButTakesAnEmergencyOfNamedPicks(CapturedOutput log)
            throws Exception {
        String re = token("re-fz", Role.RELEASE_ENGINEER);
        String dana = token("dana-fz", Role.DEVELOPER);
        String eve = token("eve-fz", Role.DEVELOPER);
        String finn = token("finn-fz", Role.DEVELOPER);
        JsonNode train = body(post("/api/trains", re, "{\"from\":\"" + base.name() + "\",\"force\":true}"), 201);
        long id = train.get("id").asLong();
        String branch = train.get("branch").asString();
        assertThat(train.get("freeze").isNull()).isTrue();
        long danas = approved(re, dana, login);
        long eves = approved(re, eve, feed);
        long finns = approved(re, finn, cache);

        refused(post("/api/trains/" + id + "/freeze", re, "{\"reason\":\"  \"}"), 400, "say why the train is frozen");
        refused(post("/api/trains/" + id + "/freeze", dana, "{\"reason\":\"mine\"}"), 403, "");
        refused(post("/api/trains/999999/freeze", re, "{\"reason\":\"x\"}"), 404, "there is no train 999999");
        refused(post("/api/trains/" + id + "/unfreeze", re, ""), 409, branch + " is not frozen");
        JsonNode frozen = body(post("/api/trains/" + id + "/freeze", re,
                "{\"reason\":\"the payments outage: nothing ships until it is over\"}"), 200);
        assertThat(frozen.get("freeze").get("reason").asString())
            .isEqualTo("the payments outage: nothing ships until it is over");
        assertThat(frozen.get("freeze").get("by").asString()).isEqualTo("re-fz");
        assertThat(body(get("/api/trains/" + id, dana), 200).get("freeze").get("by").asString()).isEqualTo("re-fz");
        refused(post("/api/trains/" + id + "/freeze", re, "{\"reason\":\"again\"}"), 409,
                branch + " is frozen already, by re-fz: the payments outage");

        int before = pushes.all().size();
        refused(post("/api/pushes", re, "{}"), 409, branch + " is frozen");
        refused(post("/api/pushes", re, "{}"), 409, "the payments outage: nothing ships until it is over");
        scheduler.triggerJob(new JobKey("picks", "pushtrain"));
        await().atMost(Duration.ofSeconds(30)).until(() -> log.getAll().contains("Scheduled picks push not started"));
        assertThat(log.getAll()).contains("Scheduled picks push not started: " + branch + " is frozen");
        assertThat(pushes.all()).as("neither the manual nor the scheduled push started").hasSize(before);

        refused(post("/api/pushes", re, "{\"emergency\":true,\"picks\":[" + danas + "]}"), 400, "say why this cannot wait");
        refused(post("/api/pushes", re, "{\"emergency\":true,\"reason\":\"x\"}"), 400, "name the picks");
        refused(post("/api/pushes", re, "{\"emergency\":true,\"picks\":[],\"reason\":\"x\"}"), 400, "name the picks");
        refused(post("/api/pushes", re, "{\"picks\":[" + danas + "]}"), 400, "only an emergency push names its picks");
        refused(post("/api/pushes", re, "{\"emergency\":true,\"picks\":[999999],\"reason\":\"x\"}"), 404,
                "there is no pick 999999");
        refused(post("/api/pushes", dana, "{\"emergency\":true,\"picks\":[" + danas + "],\"reason\":\"x\"}"), 403, "");
        assertThat(pushes.all()).as("no refused emergency push left a row").hasSize(before);

        JsonNode emergency = body(post("/api/pushes", re, "{\"emergency\":true,\"picks\":[" + danas + "," + eves
                + "],\"reason\":\"logins fail for every Safari user\"}"), 201);
        long push = emergency.get("id").asLong();
        assertThat(emergency.get("kind").asString()).isEqualTo("EMERGENCY");
        assertThat(emergency.get("emergencyReason").asString()).isEqualTo("logins fail for every Safari user");
        assertThat(names(emergency.get("steps"))).as("no select, no presence wait")
            .containsExactly("merge", "test", "perf", "build", "land", "distribute", "done");
        JsonNode done = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
            .until(() -> body(get("/api/pushes/" + push, re), 200), p -> !p.get("state").asString().equals("RUNNING"));
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("presenceDeadline").isNull()).as("nobody was asked to show up").isTrue();
        assertThat(ids(done.get("picks"))).as("only the named picks").containsExactly(danas, eves);
        assertThat(state(dana, danas)).isEqualTo("SHIPPED");
        assertThat(state(eve, eves)).isEqualTo("SHIPPED");
        assertThat(state(finn, finns)).as("not named: still waits for a push").isEqualTo("APPROVED");
        assertThat(body(get("/api/picks/" + finns, finn), 200).get("push").isNull()).isTrue();
        refused(post("/api/pushes", re, "{\"emergency\":true,\"picks\":[" + danas + "],\"reason\":\"again\"}"), 409,
                "pick " + danas + " is SHIPPED");

        JsonNode thawed = body(post("/api/trains/" + id + "/unfreeze", re, ""), 200);
        assertThat(thawed.get("freeze").isNull()).isTrue();
        long daily = body(post("/api/pushes", re, "{}"), 201).get("id").asLong();
        assertThat(await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
            .until(() -> pushes.get(daily).state(), s -> s != PushState.RUNNING)).isEqualTo(PushState.DONE);
        assertThat(state(finn, finns)).as("finn did not confirm in 2 s").isEqualTo("DEFERRED");
    }

    private String state(String auth, long pick) throws Exception {
        return body(get("/api/picks/" + pick, auth), 200).get("state").asString();
    }

    private static List<String> names(JsonNode steps) {
        List<String> names = new ArrayList<>();
        steps.forEach(s -> names.add(s.get("name").asString()));
        return names;
    }

    private static List<Long> ids(JsonNode picks) {
        List<Long> ids = new ArrayList<>();
        picks.forEach(p -> ids.add(p.get("id").asLong()));
        return ids;
    }

    private long approved(String re, String requester, ObjectId commit) throws Exception {
        long id = body(post("/api/picks", requester, "{\"commit\":\"" + commit.name() + "\",\"reason\":\"users need it\"}"),
                201).get("id").asLong();
        body(post("/api/picks/" + id + "/approve", re, "{}"), 200);
        return id;
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
