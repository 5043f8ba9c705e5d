package io.pushtrain.server.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.pushtrain.server.Http;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document a person reads at /swagger-ui.html: a title, a summary on every operation,
 * the two ways to sign in so "Try it out" works, and the status codes the server really answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pushtrain.data-dir=target/api-security-data")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentIntegrationTests {

    /** Every endpoint of API.md's table, as method and OpenAPI path. */
    private static final List<String> CONTRACT = List.of(
            "get /api/users", "post /api/users", "post /api/users/{name}/tokens",
            "get /api/trains", "post /api/trains",
            "post /api/picks", "get /api/picks", "post /api/picks/{id}/approve", "post /api/picks/{id}/reject",
            "post /api/picks/{id}/confirm", "get /api/picks/{id}", "post /api/picks/{id}/backport",
            "delete /api/picks/{id}",
            "post /api/pushes", "post /api/pushes/{id}/presence", "post /api/pushes/{id}/presence/skip",
            "post /api/trains/{id}/freeze", "post /api/trains/{id}/unfreeze", "get /api/pushes/{id}",
            "get /api/revs/{rev}", "get /api/karma/{user}", "post /api/karma/{user}/unlike",
            "post /api/karma/{user}/like", "get /api/flags", "put /api/flags/{name}", "delete /api/flags/{name}",
            "post /api/flags/{name}/evaluate", "get /api/artifacts", "get /api/hosts", "get /api/rollouts/{id}",
            "get /api/artifacts/{id}/torrent", "get /api/perf", "post /api/reviews", "get /api/audit");

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    JsonNode document;

    @BeforeAll
    void readTheDocument() throws Exception {
        document = Http.body(Http.get("http://127.0.0.1:" + port + "/v3/api-docs", null), 200);
    }

    @Test
    void documentHasATitleAVersionAndADescription() {
        JsonNode info = document.get("info");

        assertThat(info.get("title").asString()).isEqualTo("pushtrain API");
        assertThat(info.get("version").asString()).isNotBlank().isNotEqualTo("v0");
        assertThat(info.get("description").asString()).contains("Sign in");
    }

    @Test
    void everyOperationHasASummaryAndANamedTag() {
        List<String> missing = new ArrayList<>();
        operations().forEach((name, operation) -> {
            if (!operation.has("summary") || operation.get("summary").asString().isBlank()
                    || operation.get("tags").toString().contains("-controller")) {
                missing.add(name);
            }
        });

        assertThat(missing).as("operations without a summary or a tag").isEmpty();
    }

    @Test
    void everyEndpointOfTheContractIsDocumented() {
        assertThat(operations().keySet()).containsAll(CONTRACT);
    }

    @Test
    void onlyTheApiIsDocumentedNotThePagesOrTheirLiveStream() {
        assertThat(operations().keySet()).allSatisfy(name -> assertThat(name).contains(" /api/"));
    }

    @Test
    void tryItOutCanSignInWithBasicOrAToken() {
        JsonNode schemes = document.get("components").get("securitySchemes");

        assertThat(schemes.get("basic").get("type").asString()).isEqualTo("http");
        assertThat(schemes.get("basic").get("scheme").asString()).isEqualTo("basic");
        assertThat(schemes.get("token").get("scheme").asString()).isEqualTo("bearer");
        assertThat(document.get("security").toString()).contains("basic").contains("token");
    }

    @Test
    void creatingAPickIsDocumentedAs201AndAnswers201() throws Exception {
        JsonNode responses = operations().get("post /api/picks").get("responses");

        assertThat(names(responses)).contains("201", "200", "400", "401", "403", "404", "409", "422");
        assertThat(responses.get("201").get("description").asString()).contains("new request");

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        people.create(new NewPerson("openapi-" + suffix, Set.of(Role.DEVELOPER), null, encoder.encode("pw")));
        HttpResponse<String> unknown = Http.post("http://127.0.0.1:" + port + "/api/picks",
                Http.basic("openapi-" + suffix, "pw"), "{\"commit\": \"0000000\", \"reason\": \"doc check\"}");
        assertThat(names(responses)).contains(Integer.toString(unknown.statusCode()));
    }

    @Test
    void creationsAre201AndRemovalsWithoutBody204() {
        Map<String, JsonNode> operations = operations();

        for (String created : List.of("post /api/trains", "post /api/pushes", "post /api/users",
                "post /api/users/{name}/tokens", "post /api/rollouts", "put /api/flags/{name}")) {
            assertThat(names(operations.get(created).get("responses"))).as(created).contains("201");
        }
        assertThat(names(operations.get("delete /api/flags/{name}").get("responses"))).contains("204")
            .doesNotContain("200");
    }

    @Test
    void refusalsAreDocumentedAsProblemDetails() {
        Map<String, JsonNode> operations = operations();

        JsonNode approve = operations.get("post /api/picks/{id}/approve").get("responses");
        assertThat(names(approve)).contains("200", "401", "403", "404", "409");
        assertThat(approve.get("409").get("content").has("application/problem+json")).isTrue();
        assertThat(names(operations.get("get /api/pushes/{id}").get("responses"))).contains("404")
            .doesNotContain("409");
        assertThat(names(operations.get("post /api/reviews").get("responses"))).contains("401");
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new java.util.TreeMap<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(
                method -> operations.put(method.getKey() + " " + path.getKey(), method.getValue())));
        return operations;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
