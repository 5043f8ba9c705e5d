package io.pushtrain.server.audit;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pushtrain.server.Http;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Picks;
import io.pushtrain.train.Role;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static io.pushtrain.server.Http.body;
import static io.pushtrain.server.Http.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The audit log over the API: actions through REST and through the service paths IRC uses each
 * leave one entry with who, what, which object and why; the filters and pages find them; only
 * release engineers and admins read it; and the database refuses to edit or delete an entry.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.push.presence-window=10m", "pushtrain.push.tick=200ms", "pushtrain.schedule.enabled=false" })
class AuditApiIntegrationTests {

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId login;
    static ObjectId feed;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("audit-api");
        base = remote.commit("ann", "Start the app", Map.of("web/login.html", "<form>\n</form>\n",
                "api/feed.py", "def feed():\n    return []\n"));
        login = remote.commit("dana", "Fix the login form", Map.of("web/login.html", "<form method=post>\n</form>\n"));
        feed = remote.commit("eve", "Feed returns items", Map.of("api/feed.py", "def feed():\n    return items()\n"));
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
    Picks picks;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyActionFromRestAndIrcIsOneEntryWithWhoWhatWhichAndWhy() throws Exception {
        String re = token("re-au", Role.RELEASE_ENGINEER);
        String dev = token("dev-au", Role.DEVELOPER);
        String admin = token("admin-au", Role.ADMIN);
        long train = body(post("/api/trains", re, "{\"from\":\"" + base.name() + "\",\"force\":true}"), 201)
            .get("id").asLong();
        long approved = requested(dev, login, "users cannot sign in");
        long rejected = requested(dev, feed, "feed is empty");
        body(post("/api/picks/" + approved + "/approve", re, "{\"reason\":\"the outage fix\"}"), 200);
        body(post("/api/picks/" + rejected + "/reject", re, "{\"reason\":\"too big for a pick\"}"), 200);

        long push = body(post("/api/pushes", re, "{}"), 201).get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
            .until(() -> !body(get("/api/pushes/" + push, re), 200).get("presenceDeadline").isNull());
        body(post("/api/pushes/" + push + "/presence", re, "{\"action\":\"extend\",\"by\":\"5m\"}"), 200);
        body(post("/api/pushes/" + push + "/cancel", re, "{\"reason\":\"wrong build machine\"}"), 200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
            .until(() -> body(get("/api/pushes/" + push, re), 200).get("state").asString(), "CANCELLED"::equals);

        // What the IRC bot's !withdraw calls, as dev-au identified in IRC.
        picks.withdraw(approved, "dev-au", false);
        body(post("/api/trains/" + train + "/freeze", re, "{\"reason\":\"holiday weekend\"}"), 200);
        body(post("/api/trains/" + train + "/unfreeze", re, "{}"), 200);
        body(post("/api/karma/dev-au/unlike", re, "{\"reason\":\"broke the build twice\"}"), 200);
        body(Http.send("PUT", url("/api/flags/audit.composer"), re, "{\"description\":\"composer\",\"team\":\"photos\","
                + "\"enabled\":true,\"variants\":{\"on\":true,\"off\":false},\"defaultVariant\":\"off\",\"rules\":[],"
                + "\"reason\":\"launch for employees\"}"), 201);
        assertThat(Http.send("DELETE", url("/api/flags/audit.composer?reason=launched"), re, null).statusCode())
            .isEqualTo(204);
        body(post("/api/users", admin, "{\"name\":\"new-au\",\"roles\":[\"DEVELOPER\"]}"), 201);
        body(post("/api/users/new-au/tokens", admin, "{\"label\":\"laptop\"}"), 201);

        List<JsonNode> byRe = entries(audit("actor=re-au", re));
        assertThat(byRe).allSatisfy(e -> assertThat(e.get("actor").asString()).isEqualTo("re-au"));
        assertOne(byRe, "train cut", "train " + train, null);
        assertOne(byRe, "pick approve", "pick " + approved, "the outage fix");
        assertOne(byRe, "pick reject", "pick " + rejected, "too big for a pick");
        assertOne(byRe, "push start", "push " + push, null);
        assertOne(byRe, "presence extend", "push " + push, null);
        assertOne(byRe, "push cancel", "push " + push, "wrong build machine");
        assertOne(byRe, "train freeze", "train " + train, "holiday weekend");
        assertOne(byRe, "train unfreeze", "train " + train, null);
        assertOne(byRe, "karma unlike", "user dev-au", "broke the build twice");
        assertOne(byRe, "flag put", "flag audit.composer", "launch for employees");
        assertOne(byRe, "flag delete", "flag audit.composer", "launched");
        List<JsonNode> byAdmin = entries(audit("actor=admin-au", admin));
        assertOne(byAdmin, "user create", "user new-au", null);
        assertOne(byAdmin, "token mint", "user new-au", null);

        List<JsonNode> ofPick = entries(audit("object=" + enc("pick " + approved), re));
        assertThat(ofPick).extracting(e -> e.get("action").asString() + " by " + e.get("actor").asString())
            .as("newest first: the withdrawal from IRC, the approval, the request")
            .containsExactly("pick withdraw by dev-au", "pick approve by re-au", "pick request by dev-au");
        assertThat(ofPick.get(2).get("reason").asString()).isEqualTo("users cannot sign in");
        assertThat(entries(audit("object=pick&actor=dev-au", re))).extracting(e -> e.get("object").asString())
            .contains("pick " + approved, "pick " + rejected).allMatch(o -> o.startsWith("pick "));
        assertThat(entries(audit("object=" + enc("push " + push), re))).extracting(e -> e.get("action").asString())
            .containsExactly("push cancel", "presence extend", "push start");

        String at = byRe.get(0).get("at").asString();
        assertThat(entries(audit("actor=re-au&since=" + enc(at), re))).extracting(e -> e.get("action").asString())
            .as("since is inclusive: the newest entry, at the time it names").contains("flag delete")
            .doesNotContain("train cut");
        assertThat(entries(audit("actor=re-au&since=2999-01-01", re))).isEmpty();
        refused(get("/api/audit?since=yesterday", re), 400, "since \"yesterday\" is not a time");
        refused(get("/api/audit?limit=0", re), 400, "limit is 1 to 500 entries, not 0");
        refused(get("/api/audit?limit=501", re), 400, "limit is 1 to 500 entries, not 501");

        JsonNode first = audit("actor=re-au&limit=2", re);
        assertThat(entries(first)).hasSize(2);
        JsonNode second = audit("actor=re-au&limit=2&before=" + first.get("nextBefore").asLong(), re);
        assertThat(entries(second).get(0).get("id").asLong()).isLessThan(entries(first).get(1).get("id").asLong());
        assertThat(entries(second).get(0).get("action").asString()).isEqualTo(byRe.get(2).get("action").asString());

        refused(get("/api/audit", dev), 403, "");
        body(get("/api/audit?limit=1", admin), 200);
    }

    @Test
    void theDatabaseRefusesToEditOrDeleteAnEntry() {
        jdbc.update("INSERT INTO train_audit_entry (at, actor, action, object_kind, object_id) VALUES (now(), ?, ?, ?, ?)",
                "tamper-au", "pick approve", "pick", "1");
        assertThatThrownBy(() -> jdbc.update("UPDATE train_audit_entry SET reason = 'rewritten' WHERE actor = ?",
                "tamper-au")).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM train_audit_entry WHERE actor = ?", "tamper-au"))
            .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE train_audit_entry"))
            .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM train_audit_entry WHERE actor = 'tamper-au'"
                + " AND reason IS NULL", Integer.class)).isEqualTo(1);
    }

    private static void assertOne(List<JsonNode> entries, String action, String object, String reason) {
        List<JsonNode> found = entries.stream().filter(e -> e.get("action").asString().equals(action)
                && e.get("object").asString().equals(object)).toList();
        assertThat(found).as(action + " of " + object + " in " + entries).hasSize(1);
        assertThat(found.get(0).get("at").asString()).isNotBlank();
        if (reason != null) {
            assertThat(found.get(0).get("reason").asString()).isEqualTo(reason);
        }
    }

    private long requested(String dev, ObjectId commit, String reason) throws Exception {
        HttpResponse<String> answer = post("/api/picks", dev, "{\"commit\":\"" + commit.name() + "\",\"reason\":\""
                + reason + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
        return body(answer, answer.statusCode()).get("id").asLong();
    }

    private JsonNode audit(String query, String auth) throws Exception {
        return body(get("/api/audit?" + query, auth), 200);
    }

    private static List<JsonNode> entries(JsonNode page) {
        List<JsonNode> entries = new ArrayList<>();
        page.get("entries").forEach(entries::add);
        return entries;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private String token(String name, Role role) {
        if (people.find(name).isEmpty()) {
            people.create(new NewPerson(name, Set.of(role), null, null));
        }
        return Http.bearer(people.issueToken(name, "test"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private HttpResponse<String> post(String path, String auth, String body) throws Exception {
        return Http.post(url(path), auth, body);
    }

    private HttpResponse<String> get(String path, String auth) throws Exception {
        return Http.get(url(path), auth);
    }
}
