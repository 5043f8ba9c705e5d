package io.pushtrain.server;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.pushtrain.testsupport.DeveloperClone;
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
 * {@code POST /api/picks/{id}/backport} refuses everything that is not the requester's (or a
 * release engineer's) real backport of a pick in CONFLICT, each with a problem detail saying why,
 * and takes the one that is; {@code GET /api/picks/{id}} says when a pick needs one.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.push.presence-window=3s", "pushtrain.push.tick=200ms", "pushtrain.schedule.enabled=false",
        "pushtrain.build.command=tar czf ../app.tar.gz . && echo ../app.tar.gz" })
class PickBackportApiIntegrationTests {

    static final JsonMapper json = JsonMapper.builder().build();
    static TestTrunk remote;
    static ObjectId base;
    static ObjectId first;
    static ObjectId conflicting;
    static ObjectId clean;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("backport-api");
        base = remote.commit("ann", "Start the app", Map.of("api/feed.py", "def feed():\n    return []\n",
                "web/login.html", "<form>\n</form>\n"));
        first = remote.commit("eve", "Feed returns items", Map.of("api/feed.py", "def feed():\n    return items()\n"));
        conflicting = remote.commit("eve", "Feed is paged", Map.of("api/feed.py",
                "def feed():\n    return items()[:20]\n"));
        clean = remote.commit("dana", "Fix the login form", Map.of("web/login.html", "<form method=post>\n</form>\n"));
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
    void onlyTheRequestersRealBackportOfAConflictIsTaken() throws Exception {
        String re = token("re-bp", Role.RELEASE_ENGINEER);
        String eve = token("eve-bp", Role.DEVELOPER);
        String dana = token("dana-bp", Role.DEVELOPER);
        String branch = body(post("/api/trains", re, "{\"from\":\"" + base.name() + "\",\"force\":true}"), 201).get("branch").asString();
        long paged = body(post("/api/picks", eve, pick(conflicting)), 201).get("id").asLong();
        long login = body(post("/api/picks", dana, pick(clean)), 201).get("id").asLong();
        body(post("/api/picks/" + paged + "/approve", re, "{}"), 200);
        body(post("/api/picks/" + paged + "/confirm", eve, ""), 200);
        long pushId = body(post("/api/pushes", re, "{}"), 201).get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
            .until(() -> body(get("/api/pushes/" + pushId, eve), 200).get("state").asString(), s -> !s.equals("RUNNING"));

        JsonNode conflicted = body(get("/api/picks/" + paged, dana), 200);
        assertThat(conflicted.get("state").asString()).isEqualTo("CONFLICT");
        assertThat(conflicted.get("needsBackport").asBoolean()).isTrue();
        assertThat(conflicted.get("conflictingPaths").get(0).asString()).isEqualTo("api/feed.py");
        assertThat(conflicted.get("backport").isNull()).isTrue();
        assertThat(conflicted.get("blockedBy").asString()).isEqualTo("it did not apply to the release branch"
                + " (api/feed.py): it needs a backport, a resolved commit on top of the branch (!backport " + paged
                + " <sha>)");
        assertThat(conflicted.get("nextPush").isNull()).as("no push takes it before its backport").isTrue();
        JsonNode requested = body(get("/api/picks/" + login, dana), 200);
        assertThat(requested.get("needsBackport").asBoolean()).isFalse();
        assertThat(requested.get("blockedBy").asString()).isEqualTo("it waits for a release engineer to approve it");

        DeveloperClone clone = DeveloperClone.of(remote, "eve");
        ObjectId resolved = backport(clone, branch, "eve");
        ObjectId byAnother = backport(clone, branch, "mallory");
        clone.ok("switch", "--quiet", "-c", "on-trunk", first.name());
        clone.write("api/feed.py", "def feed():\n    return items()[:20]  # paged\n");
        clone.ok("commit", "--quiet", "-a", "--author=eve <eve@example.com>", "-m", "Feed is paged, on trunk's parent");
        ObjectId offBranch = ObjectId.fromString(clone.ok("rev-parse", "HEAD"));
        clone.ok("push", "--quiet", "origin", "on-trunk:refs/heads/backport/off-branch");
        String endpoint = "/api/picks/" + paged + "/backport";

        refused(post(endpoint, dana, commit(resolved)), 403, "only eve-bp, who requested pick " + paged);
        refused(post("/api/picks/" + login + "/backport", dana, commit(resolved)), 409,
                "is REQUESTED; only a pick in CONFLICT takes a backport");
        refused(post("/api/picks/999999/backport", eve, commit(resolved)), 404, "there is no pick 999999");
        refused(post(endpoint, eve, commit("main")), 400, "4 to 40 hex digits");
        refused(post(endpoint, eve, "{}"), 400, "4 to 40 hex digits");
        refused(post(endpoint, eve, "not json"), 400, "{\"commit\": \"<the backport's commit id>\"}");
        refused(post(endpoint, eve, commit("1234567890123456789012345678901234567890")), 404,
                "no branch of trunk's remote holds it");
        refused(post(endpoint, eve, commit(offBranch)), 400, "is not on " + branch);
        refused(post(endpoint, eve, commit(byAnother)), 400, "keeps the original's author");
        refused(post(endpoint, eve, commit(base)), 409, "already on " + branch);
        assertThat(body(get("/api/picks/" + paged, eve), 200).get("state").asString()).isEqualTo("CONFLICT");

        JsonNode taken = body(post(endpoint, eve, commit(resolved)), 200);
        assertThat(taken.get("state").asString()).isEqualTo("APPROVED");
        assertThat(taken.get("needsBackport").asBoolean()).isFalse();
        assertThat(taken.get("backport").asString()).isEqualTo(resolved.name());
        assertThat(taken.get("backportBy").asString()).isEqualTo("eve-bp");
        assertThat(taken.get("commit").asString()).as("the pick still names the original").isEqualTo(conflicting.name());
        assertThat(body(get("/api/picks/" + paged, eve), 200).get("blockedBy").asString()).as("schedules are off here")
            .isEqualTo("it waits for the next push; no push is scheduled: a release engineer starts one; eve-bp must"
                    + " confirm presence in IRC (!here) when it asks");
        refused(post(endpoint, re, commit(resolved)), 409, "is APPROVED");
    }

    /** A resolution of the conflicting pick on top of the release branch, committed as {@code author}, pushed. */
    private static ObjectId backport(DeveloperClone clone, String branch, String author) {
        clone.ok("fetch", "--quiet", "origin");
        clone.ok("switch", "--quiet", "--detach", "origin/" + branch);
        clone.write("api/feed.py", "def feed():\n    return [][:20]\n");
        clone.ok("commit", "--quiet", "-a", "--author=" + author + " <" + author + "@example.com>", "-m",
                "Feed is paged");
        ObjectId made = ObjectId.fromString(clone.ok("rev-parse", "HEAD"));
        clone.ok("push", "--quiet", "origin", "HEAD:refs/heads/backport/" + author);
        return made;
    }


    private static String pick(ObjectId commit) {
        return "{\"commit\":\"" + commit.name() + "\",\"reason\":\"users see every item at once\"}";
    }

    private static String commit(ObjectId commit) {
        return commit(commit.name());
    }

    private static String commit(String sha) {
        return "{\"commit\":\"" + sha + "\"}";
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
