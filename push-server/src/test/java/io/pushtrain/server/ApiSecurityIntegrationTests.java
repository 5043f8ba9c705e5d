package io.pushtrain.server;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;

import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may call the API, over a real socket: Basic, bearer tokens, roles, problem details. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pushtrain.data-dir=target/api-security-data")
class ApiSecurityIntegrationTests {

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
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        engineer = "re-" + suffix;
        developer = "dev-" + suffix;
        people.create(new NewPerson(engineer, Set.of(Role.RELEASE_ENGINEER), null, encoder.encode("secret-" + suffix)));
        people.create(new NewPerson(developer, Set.of(Role.DEVELOPER), null, encoder.encode("secret-" + suffix)));
    }

    @Test
    void anonymousCallIsRefusedWith401ProblemJson() throws Exception {
        HttpResponse<String> response = Http.get(url("/api/trains"), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"detail\":\"Sign in with HTTP Basic or an API token");
    }

    @Test
    void releaseEngineerWithPasswordListsTrains() throws Exception {
        HttpResponse<String> response = Http.get(url("/api/trains"), Http.basic(engineer, password(engineer)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("[");
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        assertThat(Http.get(url("/api/trains"), Http.basic(engineer, "nope")).statusCode()).isEqualTo(401);
    }

    @Test
    void issuedTokenSignsInAndAnUnknownTokenIsRefused() throws Exception {
        HttpResponse<String> issued = Http.post(url("/api/users/" + engineer + "/tokens"),
                Http.basic(engineer, password(engineer)), "{\"label\":\"laptop\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        String token = issued.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

        assertThat(Http.get(url("/api/trains"), Http.bearer(token)).statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = Http.get(url("/api/trains"), Http.bearer(token + "x"));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("unknown or revoked");
    }

    @Test
    void developerCannotCreatePeople() throws Exception {
        HttpResponse<String> response = Http.post(url("/api/users"), Http.basic(developer, password(developer)),
                "{\"name\":\"mallory\",\"roles\":[\"RELEASE_ENGINEER\"]}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"status\":403");
        assertThat(people.find("mallory")).isEmpty();
    }

    @Test
    void badInputIsAProblemDetailWithoutAStackTrace() throws Exception {
        HttpResponse<String> response = Http.post(url("/api/users"), Http.basic(engineer, password(engineer)),
                "{\"name\":\"Not A Name\",\"roles\":[\"DEVELOPER\"]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("a name is 1 to 64 characters").doesNotContain("Exception");
    }

    @Test
    void healthAndApiDocsAreOpenToProbes() throws Exception {
        HttpResponse<String> health = Http.get(url("/actuator/health"), null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"database\":\"PostgreSQL\"");

        HttpResponse<String> docs = Http.get(url("/v3/api-docs"), null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/trains").contains("/api/users");
    }

    private String password(String name) {
        return "secret-" + name.substring(name.indexOf('-') + 1);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
