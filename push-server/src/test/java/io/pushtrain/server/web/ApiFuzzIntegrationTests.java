package io.pushtrain.server.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.pushtrain.server.Http;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.PushState;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.Role;
import io.pushtrain.train.TrainView;
import io.pushtrain.train.Trains;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's fuzz test: every operation of the server's own OpenAPI document, called with
 * malformed JSON, wrong types, huge and odd strings in every field, and path tricks. Nothing may
 * answer 5xx, every refusal is problem+json, and the server is healthy afterwards. On 06430db
 * 380 of 1,137 such requests got Tomcat's HTML page or Spring's default JSON, and NUL bytes 500s.
 * Every body sent is invalid on purpose, so the run changes nothing it should not: not even
 * {@code null}, which an operation with an optional body (POST /api/pushes) takes as "no body"
 * and would start a push in the database the other tests share.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pushtrain.data-dir=target/api-security-data")
class ApiFuzzIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    /** Values for a path parameter: plain, traversal, encoded slash and NUL, a lone surrogate, huge. */
    private static final List<String> PATH_VALUES = List.of("1", "..%2F..%2Fx", "%2e%2e", "%00", "%ED%A0%80",
            "a%5Cb", "-1", "99999999999999999999", "A".repeat(5_000), "%25", "x;jsessionid=1");

    /** Whole bodies that are not what any operation takes. */
    private static final List<String> BODIES = List.of("{", "[1,2", "\"just a string\"", "12", "[]",
            "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}", "\u0000", "{\"\u0000\":1}", "\uFEFF{}x");

    /** What goes into every field of a body in turn: over-long, NUL, lone surrogate, wrong types. */
    private static final List<String> FIELD_VALUES = List.of("\"" + "z".repeat(3_000) + "\"", "\"a\\u0000b\"",
            "\"\\ud800\"", "{\"nested\":{\"deep\":[1]}}", "[\"a\",\"b\"]", "1e999", "-0.0000001", "true");

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    Trains trains;

    @Autowired
    Pushes pushes;

    /**
     * A fuzzed body can be a good request: {"reason": "x"} starts a push, which then waits for
     * presence, and a reason freezes a train. The test classes after this one share the database:
     * cancel the pushes it started and thaw the trains it froze.
     */
    @AfterEach
    void cancelPushesAndThawTrains() {
        pushes.all().stream().filter(push -> push.state() == PushState.RUNNING)
            .forEach(push -> pushes.cancel(push.id(), "fuzz", "started by the API fuzz test"));
        trains.all().stream().filter(TrainView::frozen).forEach(train -> trains.unfreeze(train.id(), "fuzz"));
    }

    @Test
    void noOperationOfTheApiDocumentAnswers5xxOrARefusalThatIsNotProblemJson() throws Exception {
        String token = token(Role.ADMIN, Role.RELEASE_ENGINEER, Role.DEVELOPER, Role.PRODUCT);
        JsonNode document = json.readTree(Http.get(url("/v3/api-docs"), null).body());
        List<String> faults = new ArrayList<>();
        int requests = 0;

        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                for (Call call : calls(document, path.getKey(), method, operation.getValue())) {
                    requests++;
                    fault(call, send(call, token)).ifPresent(faults::add);
                }
            }
        }

        assertThat(requests).as("the document lists the API").isGreaterThan(500);
        assertThat(faults).as("%d of %d requests", faults.size(), requests).isEmpty();
        HttpResponse<String> health = Http.get(url("/actuator/health"), null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    private List<Call> calls(JsonNode document, String template, String method, JsonNode operation) {
        List<Call> calls = new ArrayList<>();
        boolean templated = template.contains("{");
        if (templated) {
            for (String value : PATH_VALUES) {
                calls.add(new Call(method, template.replaceAll("\\{[^}]+}", value), BODIES.get(0)));
            }
        }
        String path = template.replaceAll("\\{[^}]+}", "1");
        for (String trick : List.of("/..;/x", "/%2e%2e/%2e%2e/actuator/env", "//", "/%0d%0aX-Injected:1")) {
            calls.add(new Call(method, path + trick, null));
        }
        if (method.equals("GET") || method.equals("DELETE")) {
            if (operation.toString().contains("text/event-stream")) {
                return calls; // a stream that answers stays open: its refusals are the path tricks above
            }
            calls.add(new Call(method, path + "?since=" + "9".repeat(400) + "&state=%00&commit=%ED%A0%80", null));
            return calls;
        }
        BODIES.forEach(body -> calls.add(new Call(method, path, body)));
        for (String field : fields(document, operation)) {
            for (String value : FIELD_VALUES) {
                calls.add(new Call(method, path, "{\"" + field + "\":" + value + "}"));
            }
        }
        return calls;
    }

    /** The properties of an operation's JSON body, following {@code $ref}s. */
    private static List<String> fields(JsonNode document, JsonNode operation) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
            schema = document.path("components").path("schemas").path(name);
        }
        List<String> fields = new ArrayList<>();
        schema.path("properties").propertyNames().forEach(fields::add);
        return fields;
    }

    private HttpResponse<String> send(Call call, String token) throws Exception {
        try {
            return Http.send(call.method(), url(call.path()), token, call.body());
        }
        catch (IllegalArgumentException unsendable) {
            return null; // a path the client itself refuses to send (e.g. a raw CR): nothing reached the server
        }
    }

    private static Optional<String> fault(Call call, HttpResponse<String> response) {
        if (response == null) {
            return Optional.empty();
        }
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status >= 500 || status >= 400 && !type.startsWith("application/problem+json")) {
            String body = response.body();
            return Optional.of(call.method() + " " + abbreviate(call.path()) + " body "
                    + abbreviate(String.valueOf(call.body())) + " -> " + status + " " + type + " "
                    + abbreviate(body));
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }

    private String token(Role... roles) {
        String name = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        people.create(new NewPerson(name, Set.of(roles), null, null));
        return Http.bearer(people.issueToken(name, "fuzz"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private record Call(String method, String path, String body) {
    }
}
