package io.pushtrain.server;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import io.pushtrain.karma.Karma;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import io.pushtrain.train.TrainException;
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

import static io.pushtrain.server.Http.body;
import static io.pushtrain.server.Http.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tasks the People page and a developer's queue controls do, over the API: an ADMIN adds a
 * person, changes their roles, mints a token for them and revokes it (a release engineer may do
 * none of that for others); a developer requests a pick, confirms presence and withdraws, and
 * nobody else confirms or withdraws it for them.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.schedule.enabled=false" })
class PeopleAndPicksApiIntegrationTests {

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId login;
    static ObjectId help;
    static ObjectId banner;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("people-api");
        base = remote.commit("ann", "Start the app", Map.of("web/login.html", "<form>\n</form>\n",
                "web/help.html", "<a href=/hlep>\n", "web/banner.html", "<p>\n"));
        login = remote.commit("nadia", "Fix the login form", Map.of("web/login.html", "<form method=post>\n</form>\n"));
        help = remote.commit("nadia", "Fix the help link", Map.of("web/help.html", "<a href=/help>\n"));
        banner = remote.commit("kim", "Show the outage banner", Map.of("web/banner.html", "<p>We are back</p>\n"));
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

    @Autowired
    Karma karma;

    @Test
    void anAdminAddsAPersonChangesTheirRolesMintsTheirTokenAndRevokesIt() throws Exception {
        String admin = person("ada-api", Role.ADMIN);
        String re = person("rita-api", Role.RELEASE_ENGINEER);

        JsonNode lena = body(Http.post(url("/api/users"), admin,
                "{\"name\":\"lena-api\",\"roles\":[\"DEVELOPER\"],\"ircAccount\":\"lena_api\"}"), 201);
        assertThat(lena.get("ircAccount").asString()).isEqualTo("lena_api");
        refused(Http.post(url("/api/users"), re, "{\"name\":\"mallory-api\",\"roles\":[\"ADMIN\"]}"), 403,
                "only an ADMIN gives the ADMIN role");

        refused(Http.send("PUT", url("/api/users/lena-api/roles"), re, "{\"roles\":[\"RELEASE_ENGINEER\"]}"), 403,
                "Your roles do not allow this");
        refused(Http.send("PUT", url("/api/users/lena-api/roles"), admin, "{\"roles\":[]}"), 400,
                "give lena-api at least one role");
        refused(Http.send("PUT", url("/api/users/nobody-api/roles"), admin, "{\"roles\":[\"DEVELOPER\"]}"), 404,
                "nobody is named nobody-api");
        JsonNode changed = body(Http.send("PUT", url("/api/users/lena-api/roles"), admin,
                "{\"roles\":[\"DEVELOPER\",\"PRODUCT\"]}"), 200);
        assertThat(changed.get("roles").toString()).contains("\"DEVELOPER\"", "\"PRODUCT\"");
        assertThat(people.get("lena-api").roles()).containsExactlyInAnyOrder(Role.DEVELOPER, Role.PRODUCT);

        refused(Http.post(url("/api/users/lena-api/tokens"), re, "{}"), 403, "an ADMIN mints tokens for other people");
        String token = body(Http.post(url("/api/users/lena-api/tokens"), admin, "{\"label\":\"laptop\"}"), 201)
            .get("token").asString();
        String bearer = Http.bearer(token);
        assertThat(body(Http.get(url("/api/karma/lena-api"), bearer), 200).get("user").asString()).isEqualTo("lena-api");
        assertThat(people.liveTokens()).containsEntry("lena-api", 1L);

        assertThat(body(Http.delete(url("/api/users/lena-api/tokens"), admin), 200).get("revoked").asInt()).isEqualTo(1);
        assertThat(Http.get(url("/api/karma/lena-api"), bearer).statusCode()).isEqualTo(401);
        assertThat(people.liveTokens()).doesNotContainKey("lena-api");
    }

    @Test
    void aDeveloperRequestsConfirmsAndWithdrawsTheirPicksAndNobodyElseDoes() throws Exception {
        String re = person("rita-api2", Role.RELEASE_ENGINEER);
        String nadia = person("nadia-api", Role.DEVELOPER);
        String omar = person("omar-api", Role.DEVELOPER);
        String kim = person("kim-api", Role.DEVELOPER);
        body(Http.post(url("/api/trains"), re, "{\"from\":\"" + base.name() + "\",\"force\":true}"), 201);

        refused(Http.post(url("/api/picks"), nadia, "{\"commit\":\"deadbeef00\",\"reason\":\"users cannot log in\"}"),
                404, "unknown revision deadbeef00");
        refused(Http.post(url("/api/picks"), nadia, pick(login, " ")), 400, "say why this commit must ship");
        JsonNode loginPick = created(Http.post(url("/api/picks"), nadia, pick(login, "users cannot log in")));
        JsonNode helpPick = created(Http.post(url("/api/picks"), nadia, pick(help, "the help link 404s")));
        assertThat(loginPick.get("state").asString()).isEqualTo("REQUESTED");
        assertThat(loginPick.get("requester").asString()).isEqualTo("nadia-api");

        refused(Http.post(url("/api/picks/" + loginPick.get("id") + "/confirm"), nadia, ""), 409, "not approved yet");
        body(Http.post(url("/api/picks/" + loginPick.get("id") + "/approve"), re, "{}"), 200);
        refused(Http.post(url("/api/picks/" + loginPick.get("id") + "/confirm"), omar, ""), 403,
                "only nadia-api, who requested pick " + loginPick.get("id") + ", can confirm it");
        assertThat(body(Http.post(url("/api/picks/" + loginPick.get("id") + "/confirm"), nadia, ""), 200)
            .get("state").asString()).isEqualTo("CONFIRMED");

        refused(Http.delete(url("/api/picks/" + helpPick.get("id")), omar), 403,
                "only nadia-api or a release engineer can withdraw pick " + helpPick.get("id"));
        assertThat(body(Http.delete(url("/api/picks/" + helpPick.get("id")), nadia), 200).get("state").asString())
            .isEqualTo("WITHDRAWN");

        for (int i = 0; i < 3; i++) {
            karma.unlike("kim-api", "rita-api2", "pick " + i + " broke the banner tests");
        }
        JsonNode kimsPick = created(Http.post(url("/api/picks"), kim, pick(banner, "the outage banner must go")));
        assertThat(kimsPick.get("state").asString()).isEqualTo("REFUSED_KARMA");
        assertThat(kimsPick.get("detail").asString()).contains("kim-api has 2 stars: the train takes no picks from kim-api");
    }

    /** A new request: 201 Created (never 200, which answers a duplicate). */
    private static JsonNode created(HttpResponse<String> response) {
        return body(response, 201);
    }

    private static String pick(ObjectId commit, String reason) {
        return "{\"commit\":\"" + commit.name() + "\",\"reason\":\"" + reason + "\"}";
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Basic credentials of a person made here, or by an earlier run of this class in the shared database. */
    private String person(String name, Role role) {
        try {
            people.create(new NewPerson(name, Set.of(role), null, encoder.encode(name + "-pw")));
        }
        catch (TrainException.Refused exists) {
            assertThat(people.get(name).has(role)).isTrue();
        }
        return Http.basic(name, name + "-pw");
    }
}
