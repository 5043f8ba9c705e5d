package io.pushtrain.server.karma;

import io.pushtrain.server.Http;
import java.net.http.HttpResponse;

import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static io.pushtrain.server.karma.KarmaTestPeople.login;
import static org.assertj.core.api.Assertions.assertThat;

/** The karma API over a real socket: who may see and change karma, and what they are told. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pushtrain.data-dir=target/karma-api-data")
class KarmaApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    String engineer;
    String developer;

    @BeforeEach
    void createPeople() {
        engineer = KarmaTestPeople.create(people, encoder, "re", Role.RELEASE_ENGINEER);
        developer = KarmaTestPeople.create(people, encoder, "dev", Role.DEVELOPER);
    }

    @Test
    void anyoneSignedInSeesKarmaNewPeopleHaveFiveStars() throws Exception {
        HttpResponse<String> response = Http.get(url("/api/karma/" + engineer), login(developer));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"user\":\"" + engineer + "\",\"stars\":5,\"history\":[],"
                + "\"refused\":false,\"message\":\"" + engineer + " has 5 stars: the train takes picks from " + engineer
                + "\"}");
    }

    @Test
    void unlikesToTwoStarsRefusePicksAndALikeRestoresThem() throws Exception {
        for (String reason : new String[] { "skipped tests", "no presence", "broke latest" }) {
            assertThat(post("/unlike", developer, engineer, reason).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = Http.get(url("/api/karma/" + developer), login(developer));
        assertThat(refused.body()).contains("\"stars\":2", "\"refused\":true",
                "\"message\":\"" + developer + " has 2 stars: the train takes no picks from " + developer
                        + " until the release engineer restores karma; talk to them in #release\"",
                "{\"from\":3,\"to\":2,\"by\":\"" + engineer + "\",\"at\":\"", "\"reason\":\"broke latest\"}");

        HttpResponse<String> liked = post("/like", developer, engineer, "talked it through");
        assertThat(liked.statusCode()).isEqualTo(200);
        assertThat(liked.body()).contains("\"stars\":3", "\"refused\":false");
    }

    @Test
    void aDeveloperCannotChangeKarma() throws Exception {
        String other = KarmaTestPeople.create(people, encoder, "dev", Role.DEVELOPER);

        HttpResponse<String> response = post("/unlike", other, developer, "I do not like them");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("Only a release engineer may change karma; ask one in #release.");
        assertThat(Http.get(url("/api/karma/" + other), login(other)).body()).contains("\"stars\":5");
    }

    @Test
    void nobodyCanChangeTheirOwnKarma() throws Exception {
        HttpResponse<String> response = post("/like", engineer, engineer, "I am doing great");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"status\":403",
                "Nobody may change their own karma, " + engineer + "; ask another release engineer.");
    }

    @Test
    void aChangeWithoutAReasonIsABadRequest() throws Exception {
        HttpResponse<String> blank = post("/unlike", developer, engineer, " ");
        HttpResponse<String> noBody = Http.post(url("/api/karma/" + developer + "/unlike"), login(engineer), "");

        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("Give a reason");
        assertThat(noBody.statusCode()).isEqualTo(400);
        assertThat(noBody.body()).contains("Give a reason");
    }

    @Test
    void malformedJsonIsABadRequestThatShowsTheExpectedBody() throws Exception {
        HttpResponse<String> response = Http.post(url("/api/karma/" + developer + "/unlike"), login(engineer),
                "{\"reason\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("The body is not the JSON this endpoint reads",
                "{\\\"reason\\\": \\\"why, in words the person will read\\\"}");
    }

    @Test
    void karmaOfSomeoneUnknownIsNotFound() throws Exception {
        HttpResponse<String> response = Http.get(url("/api/karma/nobody-like-this"), login(developer));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("nobody is named nobody-like-this");
    }

    @Test
    void anonymousCallersSeeNoKarma() throws Exception {
        HttpResponse<String> response = Http.get(url("/api/karma/" + developer), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Sign in");
    }

    private HttpResponse<String> post(String action, String user, String caller, String reason) throws Exception {
        return Http.post(url("/api/karma/" + user + action), login(caller), "{\"reason\":\"" + reason + "\"}");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
