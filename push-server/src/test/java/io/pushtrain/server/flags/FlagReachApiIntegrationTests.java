package io.pushtrain.server.flags;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.pushtrain.gatekeeper.client.Bucketing;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reach of a flag's rules and "who sees this?" for a list of users, over a real socket: the counts, the
 * sample they were taken on, the limits, and problem details for every refusal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pushtrain.data-dir=target/flag-api-data")
class FlagReachApiIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    FlagHttp product;
    FlagHttp developer;
    String suffix;
    String flag;

    @BeforeEach
    void setUp() throws Exception {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        flag = "reach-" + suffix;
        product = person("pm-" + suffix, Role.PRODUCT);
        developer = person("dev-" + suffix, Role.DEVELOPER);
        // Names of its own, so users other tests evaluate in the same server are served by no rule but the rollout.
        HttpResponse<String> created = product.put("/api/flags/" + flag, """
                {"enabled": true, "variants": {"on": true, "off": false}, "defaultVariant": "off",
                 "rules": [
                   {"users": ["journalist-%1$s"], "serve": "on"},
                   {"groups": ["staff-%1$s"], "serve": "on"},
                   {"attribute": "region-%1$s", "op": "in", "values": ["south", "north"], "serve": "on"},
                   {"percentage": 20, "serve": "on"}
                 ]}""".formatted(suffix), null);
        assertThat(created.statusCode()).isEqualTo(201);
    }

    @Test
    void whoSeesThisAnswersEveryUserOfAListWithTheRuleThatDecided() throws Exception {
        HttpResponse<String> answered = developer.post("/api/flags/" + flag + "/audience", """
                {"users": ["journalist-%1$s",
                           {"user": "bob-%1$s", "attributes": {"groups": ["staff-%1$s"]}},
                           {"user": "kiri-%1$s", "attributes": {"region-%1$s": "south"}},
                           "user-1001"]}""".formatted(suffix));

        assertThat(answered.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(answered.body());
        assertThat(body.get("flag").asString()).isEqualTo(flag);
        assertThat(body.get("version").asLong()).isEqualTo(1);
        JsonNode answers = body.get("answers");
        assertThat(answers).hasSize(4);
        assertThat(answers.get(0).toString()).isEqualTo("{\"user\":\"journalist-" + suffix
                + "\",\"variant\":\"on\",\"value\":true,\"enabled\":true,\"reason\":\"rule 1: user journalist-" + suffix
                + "\",\"rule\":1}");
        assertThat(answers.get(1).get("reason").asString()).isEqualTo("rule 2: group staff-" + suffix);
        assertThat(answers.get(2).get("reason").asString()).isEqualTo("rule 3: region-" + suffix + " in [south, north]");
        assertThat(answers.get(2).get("rule").asInt()).isEqualTo(3);
        boolean inRollout = Bucketing.bucket(flag, "user-1001") < 2_000;
        assertThat(answers.get(3).get("user").asString()).isEqualTo("user-1001");
        assertThat(answers.get(3).get("reason").asString()).isEqualTo(inRollout ? "rule 4: 20% rollout" : "default");
        assertThat(answers.get(3).get("rule").asInt()).isEqualTo(inRollout ? 4 : 0);
        assertThat(answers.get(3).get("variant").asString()).isEqualTo(inRollout ? "on" : "off");
    }

    @Test
    void theReachOfEachRuleCountsTheUsersTheServerEvaluatedLately() throws Exception {
        assertThat(developer.post("/api/flags/" + flag + "/audience", """
                {"users": ["journalist-%1$s", {"user": "bob-%1$s", "attributes": {"groups": ["staff-%1$s"]}},
                           {"user": "ann-%1$s", "attributes": {"groups": ["staff-%1$s"]}},
                           {"user": "kiri-%1$s", "attributes": {"region-%1$s": "north"}}]}""".formatted(suffix))
            .statusCode()).isEqualTo(200);
        assertThat(developer.post("/api/flags/" + flag + "/evaluate",
                "{\"user\": \"tane-" + suffix + "\", \"attributes\": {\"region-" + suffix + "\": \"south\"}}").statusCode())
            .isEqualTo(200);

        HttpResponse<String> reached = developer.get("/api/flags/" + flag + "/reach");

        assertThat(reached.statusCode()).isEqualTo(200);
        JsonNode reach = json.readTree(reached.body());
        JsonNode sample = reach.get("sample");
        assertThat(sample.get("source").asString()).isEqualTo("recent");
        int size = sample.get("size").asInt();
        assertThat(size).isGreaterThanOrEqualTo(5);
        assertThat(sample.get("description").asString()).contains("users this server evaluated most recently",
                "Applications evaluate locally");
        JsonNode rules = reach.get("rules");
        assertThat(rules.get(0).get("users").toString()).isEqualTo("[\"journalist-" + suffix + "\"]");
        assertThat(rules.get(0).get("kind").asString()).isEqualTo("users");
        assertThat(rules.get(0).get("reached").asInt()).isEqualTo(1);
        assertThat(rules.get(1).get("groups").toString()).isEqualTo("[\"staff-" + suffix + "\"]");
        assertThat(rules.get(1).get("reached").asInt()).isEqualTo(2);
        assertThat(rules.get(2).get("kind").asString()).isEqualTo("attribute");
        assertThat(rules.get(2).get("reached").asInt()).isEqualTo(2);
        assertThat(rules.get(2).get("share").asDouble()).isEqualTo(2.0 / size);
        assertThat(rules.get(3).get("reached").asInt() + reach.get("fallback").get("reached").asInt())
            .as("everyone else is in the rollout or gets the default").isEqualTo(size - 5);
        assertThat(reach.get("fallback").get("serve").asString()).isEqualTo("off");
    }

    @Test
    void theReachAmongUsersSentCountsExactlyThoseUsers() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            ids.add("\"sampled-" + i + "\"");
        }
        long inRollout = java.util.stream.IntStream.range(0, 2_000)
            .filter(i -> Bucketing.bucket(flag, "sampled-" + i) < 2_000).count();

        HttpResponse<String> reached = developer.post("/api/flags/" + flag + "/reach",
                "{\"users\": [" + String.join(",", ids) + "]}");

        assertThat(reached.statusCode()).isEqualTo(200);
        JsonNode reach = json.readTree(reached.body());
        assertThat(reach.get("sample").get("source").asString()).isEqualTo("given");
        assertThat(reach.get("sample").get("size").asInt()).isEqualTo(2_000);
        assertThat(reach.get("rules").get(0).get("reached").asInt()).isZero();
        assertThat(reach.get("rules").get(3).get("reached").asLong()).isEqualTo(inRollout);
        assertThat(reach.get("rules").get(3).get("share").asDouble()).isBetween(0.17, 0.23);
        assertThat(reach.get("fallback").get("reached").asLong()).isEqualTo(2_000 - inRollout);
    }

    @Test
    void aListThatIsEmptyTooLongOrHasAUserWithoutAnIdIsRefusedWithAProblem() throws Exception {
        refused(developer.post("/api/flags/" + flag + "/audience", "{\"users\": []}"), 400, "Name the users to ask about");
        refused(developer.post("/api/flags/" + flag + "/audience", "{}"), 400, "Name the users to ask about");
        refused(developer.post("/api/flags/" + flag + "/audience", "{\"users\": [\"a\", {\"attributes\": {}}]}"), 400,
                "User 2 of the list has no id");
        refused(developer.post("/api/flags/" + flag + "/audience", users(1_001)), 400,
                "takes at most 1,000 users at once; got 1,001");
        assertThat(developer.post("/api/flags/" + flag + "/audience", users(1_000)).statusCode()).isEqualTo(200);
        refused(developer.post("/api/flags/" + flag + "/reach", users(10_001)), 400,
                "a reach sample takes at most 10,000 users at once; got 10,001");
        refused(developer.post("/api/flags/" + flag + "/audience", "{\"users\": 12"), 400, "The body is not the JSON");
    }

    @Test
    void anUnknownFlagHasNoReachAndNoAudience() throws Exception {
        refused(developer.get("/api/flags/no-such-" + suffix + "/reach"), 404, "There is no flag 'no-such-" + suffix + "'.");
        refused(developer.post("/api/flags/no-such-" + suffix + "/audience", "{\"users\": [\"a\"]}"), 404, "There is no flag");
    }

    @Test
    void theOpenApiDocumentSummarisesTheReachAndAudienceOperations() throws Exception {
        HttpResponse<String> doc = developer.get("/v3/api-docs");

        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode paths = json.readTree(doc.body()).get("paths");
        assertThat(paths.get("/api/flags/{name}/reach").get("get").get("summary").asString())
            .isEqualTo("Whom each rule of a flag serves, among the users this server evaluated lately");
        assertThat(paths.get("/api/flags/{name}/reach").get("post").get("responses").has("400")).isTrue();
        assertThat(paths.get("/api/flags/{name}/audience").get("post").get("summary").asString())
            .startsWith("Who sees this?");
        assertThat(paths.get("/api/flags/{name}/audience").get("post").get("responses").has("404")).isTrue();
    }

    private static String users(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("\"u" + i + "\"");
        }
        return "{\"users\": [" + String.join(",", ids) + "]}";
    }

    private static void refused(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains(detail).doesNotContain("Exception");
    }

    private FlagHttp person(String name, Role role) {
        people.create(new NewPerson(name, Set.of(role), null, encoder.encode("secret-" + name)));
        return new FlagHttp(port, name, "secret-" + name);
    }
}
