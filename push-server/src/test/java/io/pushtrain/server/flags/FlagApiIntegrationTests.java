package io.pushtrain.server.flags;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** The flag API over a real socket: roles, versions and 409s, problem details, history, revert and the stream. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pushtrain.data-dir=target/flag-api-data")
class FlagApiIntegrationTests {

    static final String COMPOSER = """
            {"description": "new photo composer", "team": "photos", "enabled": true,
             "variants": {"on": true, "off": false}, "defaultVariant": "off",
             "rules": [
               {"users": ["techcrunch"], "serve": "on"},
               {"groups": ["employees"], "serve": "on"},
               {"attribute": "country", "op": "in", "values": ["NZ", "AU"], "serve": "on"},
               {"percentage": 20, "serve": "on"}
             ]}""";

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    FlagHttp product;
    FlagHttp developer;
    String flag;

    @BeforeEach
    void setUp() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        flag = "composer-" + suffix;
        product = person("pm-" + suffix, Role.PRODUCT);
        developer = person("dev-" + suffix, Role.DEVELOPER);
    }

    @Test
    void productCreatesAFlagAndAnyoneSignedInReadsAndEvaluatesIt() throws Exception {
        HttpResponse<String> created = product.put("/api/flags/" + flag, COMPOSER, null);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");

        HttpResponse<String> read = developer.get("/api/flags/" + flag);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"name\":\"" + flag + "\"", "\"version\":1", "\"team\":\"photos\"");
        assertThat(developer.get("/api/flags").body()).contains("\"name\":\"" + flag + "\"");

        HttpResponse<String> evaluated = developer.post("/api/flags/" + flag + "/evaluate",
                "{\"user\": \"bob\", \"attributes\": {\"groups\": [\"employees\"], \"country\": \"FR\"}}");
        assertThat(evaluated.statusCode()).isEqualTo(200);
        assertThat(evaluated.body()).isEqualTo(
                "{\"variant\":\"on\",\"value\":true,\"enabled\":true,\"reason\":\"rule 2: group employees\"}");
    }

    @Test
    void aDeveloperMayNotChangeAFlag() throws Exception {
        HttpResponse<String> refused = developer.put("/api/flags/" + flag, COMPOSER, null);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"detail\":\"Your roles do not allow this.\"");
        assertThat(product.get("/api/flags/" + flag).statusCode()).isEqualTo(404);
    }

    @Test
    void anInvalidFlagIsAProblemDetailListingEveryProblem() throws Exception {
        String bad = COMPOSER.replace("\"percentage\": 20", "\"percentage\": 120").replace("\"op\": \"in\"", "\"op\": \"within\"");

        HttpResponse<String> refused = product.put("/api/flags/" + flag, bad, null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("rule 3: unknown operator 'within'", "rule 4: percentage 120 is outside 0-100",
                "\"problems\":[").doesNotContain("Exception");
    }

    @Test
    void ofTwoRacingEditsTheSecondGets409SayingWhatChanged() throws Exception {
        product.put("/api/flags/" + flag, COMPOSER, null);

        HttpResponse<String> first = product.put("/api/flags/" + flag,
                COMPOSER.replace("\"enabled\": true", "\"enabled\": false, \"reason\": \"kill: crashes on upload\""), "\"1\"");
        HttpResponse<String> second = product.put("/api/flags/" + flag,
                COMPOSER.replace("\"team\": \"photos\"", "\"team\": \"camera\", \"version\": 1"), null);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("\"currentVersion\":2", "\"changes\":[\"enabled: true -> false\"]",
                "kill: crashes on upload", "send version 2");
    }

    @Test
    void historyListsEveryChangeAndARevertServesAnOldVersionAgain() throws Exception {
        product.put("/api/flags/" + flag, COMPOSER.replace("{\"description\"", "{\"reason\": \"ship dark\", \"description\""), null);
        product.put("/api/flags/" + flag, COMPOSER.replace("\"enabled\": true", "\"enabled\": false"), "\"1\"");

        HttpResponse<String> reverted = product.post("/api/flags/" + flag + "/revert", "{\"version\": 1, \"reason\": \"fixed\"}");
        HttpResponse<String> history = developer.get("/api/flags/" + flag + "/history");

        assertThat(reverted.statusCode()).isEqualTo(200);
        assertThat(reverted.body()).contains("\"version\":3", "\"enabled\":true");
        assertThat(history.body()).startsWith("[{\"version\":3,").contains("\"reason\":\"fixed\"", "\"reason\":\"ship dark\"");
        assertThat(product.post("/api/flags/" + flag + "/revert", "{\"version\": 9}").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownFlagIs404AndADeletedOneIsGone() throws Exception {
        assertThat(developer.post("/api/flags/" + flag + "/evaluate", "{\"user\": \"bob\"}").body())
            .contains("\"status\":404", "There is no flag '" + flag + "'.");
        product.put("/api/flags/" + flag, COMPOSER, null);

        assertThat(product.delete("/api/flags/" + flag + "?reason=launched").statusCode()).isEqualTo(204);
        assertThat(developer.get("/api/flags/" + flag).statusCode()).isEqualTo(404);
    }

    @Test
    void theStreamSendsASnapshotAndThenEachChange() throws Exception {
        product.put("/api/flags/" + flag, COMPOSER, null);
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/flags/stream"))
                    .header("Authorization", "Bearer " + people.issueToken(people.all().get(0).name(), "stream test"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            assertThat(lines.readLine()).isEqualTo("event:snapshot");
            assertThat(lines.readLine()).startsWith("data:[").contains("\"name\":\"" + flag + "\"");

            product.put("/api/flags/" + flag, COMPOSER.replace("\"enabled\": true", "\"enabled\": false"), null);

            String line = lines.readLine();
            while (line.isEmpty()) {
                line = lines.readLine();
            }
            assertThat(line).isEqualTo("event:flag");
            assertThat(lines.readLine()).contains("\"name\":\"" + flag + "\"", "\"enabled\":false", "\"version\":2");
        }
    }

    private FlagHttp person(String name, Role role) {
        people.create(new NewPerson(name, Set.of(role), null, encoder.encode("secret-" + name)));
        return new FlagHttp(port, name, "secret-" + name);
    }
}
