package io.pushtrain.server.security;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, case 8, over a real socket. On 06430db passwords could be tried 27 times a second,
 * a release engineer could mint a token for anyone and approve their own pick, and an empty body
 * to {@code POST /api/trains} cut another train from the same commit each time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.data-dir=target/account-limits-data", "pushtrain.schedule.enabled=false",
        "pushtrain.picks.self-approval=false", "pushtrain.logins.max-failures-per-user=3",
        "pushtrain.logins.max-failures-per-address=8", "pushtrain.logins.window=2m" })
class AccountLimitsIntegrationTests {

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId fix;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("account-limits");
        base = remote.commit("ann", "Start the app", Map.of("web/login.html", "<form>\n</form>\n"));
        fix = remote.commit("ann", "Fix the login form", Map.of("web/login.html", "<form method=post>\n</form>\n"));
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
    void wrongPasswordsPauseTheNameAndThenTheAddressWith429AndRetryAfter() throws Exception {
        String dana = withPassword("dana", Role.DEVELOPER);
        String erin = withPassword("erin", Role.DEVELOPER);
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/trains", Http.basic(dana, "wrong")).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> paused = get("/api/trains", Http.basic(dana, "pw"));
        assertThat(paused.statusCode()).as("even the right password waits").isEqualTo(429);
        assertThat(paused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(paused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 120L));
        assertThat(get("/api/trains", Http.basic(erin, "pw")).statusCode()).as("another name from here").isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            get("/api/trains", Http.basic(unique("guess"), "wrong"));
        }
        assertThat(get("/api/trains", Http.basic(erin, "pw")).statusCode()).as("8 wrong ones from this address")
            .isEqualTo(429);
        assertThat(get("/api/trains", token(erin)).statusCode()).as("tokens are not password checks").isEqualTo(200);
    }

    @Test
    void aReleaseEngineerMintsTokensOnlyForThemselvesAndOnlyAnAdminForOthers() throws Exception {
        String engineer = person("re", Role.RELEASE_ENGINEER);
        String admin = person("admin", Role.ADMIN);
        String developer = person("dev", Role.DEVELOPER);

        HttpResponse<String> forOther = post("/api/users/" + developer + "/tokens", token(engineer), "{\"label\":\"x\"}");
        assertThat(forOther.statusCode()).as(forOther.body()).isEqualTo(403);
        assertThat(forOther.body()).contains("may mint tokens only for themselves");
        assertThat(post("/api/users/" + engineer + "/tokens", token(engineer), "{\"label\":\"own\"}").statusCode())
            .isEqualTo(201);
        HttpResponse<String> byAdmin = post("/api/users/" + developer + "/tokens", token(admin), "{\"label\":\"bot\"}");
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(201);
        String minted = byAdmin.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        assertThat(get("/api/picks", Http.bearer(minted)).statusCode()).isEqualTo(200);

        HttpResponse<String> grant = post("/api/users", token(engineer),
                "{\"name\":\"" + unique("sneaky") + "\",\"roles\":[\"ADMIN\"]}");
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(403);
        assertThat(grant.body()).contains("only an ADMIN gives the ADMIN role");
    }

    @Test
    void withTheTwoPersonRuleNobodyApprovesTheirOwnPick() throws Exception {
        String frank = person("frank", Role.RELEASE_ENGINEER, Role.DEVELOPER);
        String grace = person("grace", Role.RELEASE_ENGINEER);
        assertThat(post("/api/trains", token(grace), "{\"from\":\"" + base.name() + "\",\"force\":true}").statusCode())
            .isEqualTo(201);
        HttpResponse<String> requested = post("/api/picks", token(frank),
                "{\"commit\":\"" + fix.name() + "\",\"reason\":\"users cannot log in\"}");
        assertThat(requested.statusCode()).as(requested.body()).isIn(200, 201);
        String pick = requested.body().replaceAll("^\\{\"id\":(\\d+).*", "$1");

        HttpResponse<String> own = post("/api/picks/" + pick + "/approve", token(frank), "{\"reason\":\"mine\"}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
        assertThat(own.body()).contains("two-person rule");
        HttpResponse<String> other = post("/api/picks/" + pick + "/approve", token(grace), "{\"reason\":\"looked\"}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        assertThat(other.body()).contains("\"state\":\"APPROVED\"");
    }

    @Test
    void aCutFromTheCommitOfTheCurrentTrainIsRefusedUnlessForced() throws Exception {
        String engineer = token(person("cutter", Role.RELEASE_ENGINEER));
        HttpResponse<String> first = post("/api/trains", engineer, "{\"force\":true}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String branch = first.body().replaceAll(".*\"branch\":\"([^\"]+)\".*", "$1");
        String id = first.body().replaceAll(".*\"id\":(\\d+).*", "$1");

        for (String body : new String[] { "{}", "", "{\"from\":\"" + fix.name() + "\"}" }) {
            HttpResponse<String> again = post("/api/trains", engineer, body);
            assertThat(again.statusCode()).as("body '%s': %s", body, again.body()).isEqualTo(409);
            assertThat(again.body()).contains("the current train " + id + " (" + branch + ") was cut from")
                .contains("to cut another train from it anyway").contains("\"train\":" + id);
        }
        assertThat(post("/api/trains", engineer, "garbage").statusCode()).isEqualTo(400);
        HttpResponse<String> forced = post("/api/trains", engineer, "{\"force\":true}");
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(201);
        assertThat(forced.body()).doesNotContain("\"branch\":\"" + branch + "\"");
    }

    private String withPassword(String prefix, Role role) {
        String name = unique(prefix);
        people.create(new NewPerson(name, Set.of(role), null, encoder.encode("pw")));
        return name;
    }

    private String person(String prefix, Role... roles) {
        String name = unique(prefix);
        people.create(new NewPerson(name, Set.of(roles), null, null));
        return name;
    }

    private String token(String name) {
        return Http.bearer(people.issueToken(name, "test"));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return Http.get("http://127.0.0.1:" + port + path, authorization);
    }

    private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        return Http.post("http://127.0.0.1:" + port + path, authorization, body);
    }
}
