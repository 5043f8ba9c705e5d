package io.pushtrain.server.distribution;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.pushtrain.distribution.ArtifactView;
import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.HostState;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.RolloutState;
import io.pushtrain.distribution.RolloutView;
import io.pushtrain.distribution.Rollouts;
import io.pushtrain.server.Http;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, case 1, over a real socket: a HOST token acts as the one host it registered, a host can
 * be retired, and a host that stopped reporting is LOST and no longer holds up a rollout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.data-dir=target/host-binding-data", "pushtrain.tracker.port=0",
        "pushtrain.distribution.seed-newest=0", "pushtrain.distribution.tiers=bind-dogfood,bind-prod",
        "pushtrain.distribution.tick=200ms", "pushtrain.distribution.host-lost-after=2s" })
class HostBindingIntegrationTests {

    private static final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Hosts hosts;

    @Autowired
    Artifacts artifacts;

    @Autowired
    Rollouts rollouts;

    @TempDir
    Path builds;

    String engineer;
    String fleet;

    @BeforeEach
    void people() {
        engineer = unique("re");
        people.create(new NewPerson(engineer, Set.of(Role.RELEASE_ENGINEER), null, encoder.encode("secret")));
        fleet = unique("fleet");
        people.create(new NewPerson(fleet, Set.of(Role.HOST), null, null));
    }

    @Test
    void aHostTokenCannotMoveOrReportForAHostItDidNotRegister() throws Exception {
        String web1 = unique("web"), web2 = unique("web");
        String token1 = token(), token2 = token();
        assertThat(register(token1, web1, "r1").statusCode()).isEqualTo(200);
        assertThat(register(token2, web2, "r2").statusCode()).isEqualTo(200);

        HttpResponse<String> moved = register(token2, web1, "evil-rack");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(403);
        assertThat(moved.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(moved.body()).contains("belongs to host " + web2);
        HttpResponse<String> forged = send("PUT", "/api/hosts/" + web1 + "/state", token2,
                "{\"version\":\"push-25\",\"state\":\"RUNNING\",\"progress\":100}");
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
        assertThat(send("GET", "/api/hosts/" + web1 + "/desired", token2, null).statusCode()).isEqualTo(403);
        // A token registers one host, not a second one of its choosing.
        assertThat(register(token1, unique("web"), "r1").statusCode()).isEqualTo(403);

        assertThat(hosts.get(web1).orElseThrow()).satisfies(host -> {
            assertThat(host.rack()).isEqualTo("r1");
            assertThat(host.state()).isEqualTo(HostState.IDLE);
            assertThat(host.version()).isNull();
        });
        // The host's own token still reports, and a release engineer may act for any host.
        assertThat(send("PUT", "/api/hosts/" + web1 + "/state", token1, "{\"state\":\"DOWNLOADING\",\"progress\":5}")
                .statusCode()).isEqualTo(204);
        assertThat(send("PUT", "/api/hosts/" + web1 + "/state", Http.basic(engineer, "secret"),
                "{\"state\":\"DOWNLOADING\",\"progress\":6}").statusCode()).isEqualTo(204);
        assertThat(hosts.get(web1).orElseThrow().progress()).isEqualTo(6);
    }

    @Test
    void aRetiredHostLeavesTheFleetAndItsTokenCannotBringItBack() throws Exception {
        String name = unique("web");
        String token = token();
        assertThat(register(token, name, "r1").statusCode()).isEqualTo(200);

        assertThat(send("DELETE", "/api/hosts/" + name, token, null).statusCode()).isEqualTo(403);
        HttpResponse<String> retired = send("DELETE", "/api/hosts/" + name, Http.basic(engineer, "secret"), null);
        assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);

        assertThat(send("GET", "/api/hosts", token, null).body()).doesNotContain(name);
        assertThat(send("GET", "/api/hosts/" + name, token, null).statusCode()).isEqualTo(404);
        HttpResponse<String> again = register(token, name, "r1");
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("retired");
        assertThat(send("PUT", "/api/hosts/" + name + "/state", token, "{\"state\":\"IDLE\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void aHostThatStoppedReportingIsLostAndTheRolloutSkipsItAndSaysSo() throws Exception {
        String silent = unique("silent"), alive = unique("alive");
        String silentToken = token(), aliveToken = token();
        assertThat(register(silentToken, silent, "r1").statusCode()).isEqualTo(200);
        Thread.sleep(2_500); // longer than pushtrain.distribution.host-lost-after
        assertThat(register(aliveToken, alive, "r1").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/hosts/" + silent, aliveToken, null).body()).contains("\"state\":\"LOST\"");

        ArtifactView build = publish();
        RolloutView rollout = rollouts.start(build.id());
        assertThat(send("PUT", "/api/hosts/" + alive + "/state", aliveToken,
                "{\"version\":\"" + build.id() + "\",\"state\":\"RUNNING\",\"progress\":100}").statusCode()).isEqualTo(204);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        RolloutView now = rollouts.get(rollout.id()).orElseThrow();
        while (now.state() == RolloutState.RUNNING && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            now = rollouts.get(rollout.id()).orElseThrow();
        }

        assertThat(now.state()).as("%s", now).isEqualTo(RolloutState.DONE);
        assertThat(now.tiers().get(0).tier()).isEqualTo("bind-dogfood");
        // The other tests' hosts of this tier went quiet too; the one that reported is not skipped.
        assertThat(now.tiers().get(0).skipped()).contains(silent).doesNotContain(alive);
        assertThat(send("GET", "/api/rollouts/" + rollout.id(), aliveToken, null).body())
                .contains("\"skipped\":[", "\"" + silent + "\"");
    }

    @Test
    void theTorrentHandedToAHostAnnouncesWithThatHostsOwnTrackerKey() throws Exception {
        String web1 = unique("web"), web2 = unique("web");
        String token1 = token(), token2 = token();
        register(token1, web1, "r1");
        register(token2, web2, "r1");
        ArtifactView build = publish();

        String announce1 = announce(torrent(build, token1));
        String announce2 = announce(torrent(build, token2));
        String bare = announce(torrent(build, Http.basic(engineer, "secret")));

        assertThat(announce1).matches("http://127\\.0\\.0\\.1:\\d+/announce/[0-9a-f]{40}").isNotEqualTo(announce2);
        assertThat(bare).endsWith("/announce");
        assertThat(announce(torrent(build, Http.basic(engineer, "secret"), "?host=" + web1))).isEqualTo(announce1);
        HttpResponse<byte[]> fetched = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/artifacts/" + build.id() + "/torrent"))
                .header("Authorization", token1).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new com.turn.ttorrent.common.Torrent(fetched.body(), false).getHexInfoHash())
                .isEqualToIgnoringCase(build.infoHash());
    }

    private byte[] torrent(ArtifactView build, String authorization) throws Exception {
        return torrent(build, authorization, "");
    }

    private byte[] torrent(ArtifactView build, String authorization, String query) throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/artifacts/" + build.id() + "/torrent" + query))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String announce(byte[] torrent) throws Exception {
        return com.turn.ttorrent.bcodec.BDecoder.bdecode(java.nio.ByteBuffer.wrap(torrent)).getMap().get("announce").getString();
    }

    private String token() {
        return Http.bearer(people.issueToken(fleet, "host binding test"));
    }

    private HttpResponse<String> register(String token, String name, String rack) throws Exception {
        return send("POST", "/api/hosts", token, "{\"name\":\"" + name + "\",\"rack\":\"" + rack
                + "\",\"tier\":\"bind-dogfood\",\"address\":\"127.0.9.1\"}");
    }

    private ArtifactView publish() throws Exception {
        byte[] bytes = new byte[50_000];
        new Random(16).nextBytes(bytes);
        Path file = Files.write(Files.createDirectories(builds.resolve(unique("b"))).resolve("app.bin"), bytes);
        return artifacts.publish(unique("build"), file);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", authorization)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
