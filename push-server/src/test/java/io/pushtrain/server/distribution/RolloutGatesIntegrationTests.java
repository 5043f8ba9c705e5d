package io.pushtrain.server.distribution;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pushtrain.agent.AgentOptions;
import io.pushtrain.agent.AgentStatus;
import io.pushtrain.agent.HostAgent;
import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.BuildKeys;
import io.pushtrain.distribution.Rollouts;
import io.pushtrain.distribution.ServerKey;
import io.pushtrain.server.Http;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gates between tiers over REST with four real host agents (two tiers of two): the rollout waits out
 * gate-canary's bake before gate-prod gets the build, and a build whose health check (the agents'
 * post-switch command) fails on every canary host pauses by itself, saying why in {@code GET /api/rollouts/{id}}.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.data-dir=target/gates-data", "pushtrain.tracker.port=0",
        "pushtrain.distribution.tiers=gate-canary,gate-prod", "pushtrain.distribution.tick=300ms",
        "pushtrain.distribution.bake.gate-canary=4s", "pushtrain.distribution.unhealthy.action=pause",
        "pushtrain.tracker.trusted-proxies=127.0.0.1",
        "pushtrain.racks.gate-r1=127.0.21.0/24", "pushtrain.racks.gate-r2=127.0.22.0/24" })
class RolloutGatesIntegrationTests {

    /** The operator's health check: fails with exit 3 on a build whose id says bad. */
    private static final String HEALTH_CHECK = "case \"$PUSHTRAIN_RELEASE\" in *-bad-*) echo restarting;"
            + " echo 'health check failed on :8080' >&2; exit 3;; *) echo 'healthy on :8080';; esac";
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Artifacts artifacts;

    @Autowired
    BuildKeys keys;

    @Autowired
    Rollouts rollouts;

    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private final List<HostAgent> fleet = new ArrayList<>();
    private Path work;
    private String hostPerson;
    private String engineer;

    @BeforeAll
    void fourAgentsInTwoTiers() throws Exception {
        rollouts.list().stream().filter(r -> r.state().active()).forEach(r -> rollouts.rollBack(r.id()));
        work = Files.createDirectories(Path.of("target/gates-work").toAbsolutePath())
                .resolve(UUID.randomUUID().toString().substring(0, 8));
        hostPerson = "gates-" + UUID.randomUUID().toString().substring(0, 8);
        people.create(new NewPerson(hostPerson, Set.of(Role.HOST), null, null));
        engineer = "re-gates-" + UUID.randomUUID().toString().substring(0, 8);
        people.create(new NewPerson(engineer, Set.of(Role.RELEASE_ENGINEER), null, encoder.encode("secret")));
        fleet.add(agent("gate-c1", "gate-r1", "gate-canary", "127.0.21.1"));
        fleet.add(agent("gate-c2", "gate-r2", "gate-canary", "127.0.22.1"));
        fleet.add(agent("gate-p1", "gate-r1", "gate-prod", "127.0.21.2"));
        fleet.add(agent("gate-p2", "gate-r2", "gate-prod", "127.0.22.2"));
        fleet.forEach(HostAgent::start);
        for (HostAgent agent : fleet) {
            agent.await(AgentStatus::registered, Duration.ofSeconds(60));
        }
    }

    @AfterAll
    void closeTheFleet() {
        fleet.forEach(HostAgent::close);
        rollouts.list().stream().filter(r -> r.state().active()).forEach(r -> rollouts.rollBack(r.id()));
        // Other classes share this database: hosts that are gone must not count in their tiers.
        jdbc.update("DELETE FROM distribution_host WHERE name LIKE 'gate-%'");
    }

    @Test
    @Order(1)
    void theRolloutWaitsOutTheCanaryBakeBeforeProdGetsTheBuild() throws Exception {
        String build = publish("gates-good");
        long id = json.readTree(post("/api/rollouts", "{\"artifact\":\"" + build + "\"}", 201)).get("id").asLong();

        JsonNode baking = await(id, r -> tier(r, 0).get("bakeSecondsLeft").asLong() > 0);
        System.out.println("gates: GET /api/rollouts/" + id + " while canary bakes: " + baking);
        Instant bakeEnds = Instant.parse(tier(baking, 0).get("bakeEndsAt").asText());
        assertThat(baking.get("state").asText()).isEqualTo("RUNNING");
        assertThat(baking.get("currentTier").asText()).isEqualTo("gate-canary");
        assertThat(tier(baking, 0).get("running").asLong()).isEqualTo(2);
        assertThat(tier(baking, 1).get("reached").asBoolean()).as("prod during canary's bake").isFalse();
        assertThat(Duration.between(Instant.parse(tier(baking, 0).get("convergedAt").asText()), bakeEnds))
                .isEqualTo(Duration.ofSeconds(4));

        JsonNode prodReached = await(id, r -> tier(r, 1).get("reached").asBoolean());
        assertThat(Instant.now()).as("prod reached after the bake").isAfterOrEqualTo(bakeEnds);
        assertThat(prodReached.get("reason").isNull()).isTrue();
        JsonNode done = await(id, r -> r.get("state").asText().equals("DONE"));
        assertThat(tier(done, 1).get("running").asLong()).isEqualTo(2);
        JsonNode host = json.readTree(get("/api/hosts/gate-c1"));
        assertThat(host.at("/health/status").asText()).isEqualTo("HEALTHY");
        assertThat(host.at("/health/output").asText()).isEqualTo("healthy on :8080");
    }

    @Test
    @Order(2)
    void aBuildThatFailsTheHealthCheckOnTheCanaryHostsPausesTheRolloutWithTheReason() throws Exception {
        String build = publish("gates-bad");
        long id = json.readTree(post("/api/rollouts", "{\"artifact\":\"" + build + "\"}", 201)).get("id").asLong();

        JsonNode paused = await(id, r -> r.get("state").asText().equals("PAUSED"));
        System.out.println("gates: GET /api/rollouts/" + id + " paused: " + paused);

        // The default share is 0: the first canary host to fail its check pauses the rollout (the other may fail
        // in the same tick, then the reason names both).
        assertThat(paused.get("reason").asText()).containsPattern("^paused by the health gate: [12] of 2 hosts of"
                + " gate-canary report unhealthy after switching to " + java.util.regex.Pattern.quote(build)
                + ", more than the 0% allowed \\(pushtrain.distribution.unhealthy.share\\): gate-c[12]"
                + " \\(exit 3: health check failed on :8080\\)");
        assertThat(paused.get("currentTier").asText()).isEqualTo("gate-canary");
        assertThat(tier(paused, 1).get("reached").asBoolean()).isFalse();
        // Paused at canary, the other canary host still switches to the build and fails its check too; prod never gets it.
        JsonNode both = await(id, r -> tier(r, 0).get("unhealthy").size() == 2);
        assertThat(both.get("state").asText()).isEqualTo("PAUSED");
        assertThat(tier(both, 1).get("reached").asBoolean()).isFalse();
        JsonNode host = json.readTree(get("/api/hosts/gate-c2"));
        System.out.println("gates: GET /api/hosts/gate-c2: " + host);
        assertThat(host.get("version").asText()).isEqualTo(build);
        assertThat(host.at("/health/status").asText()).isEqualTo("UNHEALTHY");
        assertThat(host.at("/health/exitCode").asInt()).isEqualTo(3);
        assertThat(host.at("/health/output").asText()).isEqualTo("health check failed on :8080");
        assertThat(json.readTree(get("/api/hosts/gate-p1")).get("version").asText()).isNotEqualTo(build);
        JsonNode audit = json.readTree(get("/api/audit?object=rollout%20" + id)).get("entries");
        assertThat(audit).as("the gate's own pause is in the audit log, with its reason").anySatisfy(entry -> {
            assertThat(entry.get("actor").asText()).isEqualTo("health gate");
            assertThat(entry.get("action").asText()).isEqualTo("rollout pause");
            assertThat(entry.get("reason").asText()).isEqualTo(paused.get("reason").asText());
        });

        post("/api/rollouts/" + id + "/rollback", null, 200);
    }

    private static JsonNode tier(JsonNode rollout, int index) {
        return rollout.get("tiers").get(index);
    }

    private JsonNode await(long id, java.util.function.Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonNode view = json.readTree(get("/api/rollouts/" + id));
        while (!condition.test(view) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            view = json.readTree(get("/api/rollouts/" + id));
        }
        assertThat(condition).as("rollout %s", view).accepts(view);
        return view;
    }

    private String publish(String prefix) throws IOException {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        Path file = Files.createDirectories(work.resolve("builds").resolve(id)).resolve("app.bin");
        byte[] bytes = new byte[300_000];
        new java.util.Random(id.hashCode()).nextBytes(bytes);
        Files.write(file, bytes);
        return artifacts.publish(id, file).id();
    }

    private HostAgent agent(String name, String rack, String tier, String address) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        String token = people.issueToken(hostPerson, "gates host " + name);
        return new HostAgent(AgentOptions.of(URI.create(server()), token, rack, tier, dir).withName(name)
                .withAddress(InetAddress.getByName(address)).withPoll(Duration.ofMillis(500))
                .withPostSwitch(HEALTH_CHECK)
                .withServerKeys(keys.keys().stream().map(ServerKey::publicKey).toList()));
    }

    private String server() {
        return "http://127.0.0.1:" + port;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private String post(String path, String body, int expected) throws Exception {
        HttpResponse<String> response = send("POST", path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server() + path))
                .header("Authorization", Http.basic(engineer, "secret"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
