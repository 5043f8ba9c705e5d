package io.pushtrain.server.distribution;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.pushtrain.distribution.ArtifactView;
import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.BuildKeys;
import io.pushtrain.distribution.BuildManifest;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.server.Http;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;

import com.turn.ttorrent.common.Torrent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The host agent's contract over a real socket: register, desired build, torrent, state; tokens; errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.data-dir=target/distribution-api-data", "pushtrain.tracker.port=0",
        "pushtrain.distribution.seed-newest=0", "pushtrain.distribution.tiers=api-dogfood,api-canary,api-prod" })
class DistributionApiIntegrationTests {

    private static final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Artifacts artifacts;

    @Autowired
    Hosts hosts;

    @Autowired
    BuildKeys keys;

    @TempDir
    Path builds;

    String engineer;
    String host;
    String hostToken;

    @BeforeEach
    void peopleAndTokens() {
        engineer = "re-" + UUID.randomUUID().toString().substring(0, 8);
        people.create(new NewPerson(engineer, Set.of(Role.RELEASE_ENGINEER), null, encoder.encode("secret")));
        host = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
        people.create(new NewPerson(host, Set.of(Role.HOST), null, null));
        hostToken = Http.bearer(people.issueToken(host, "test fleet"));
    }

    @Test
    void aHostRegistersGetsNoBuildUntilItsTierHasOneThenTheTorrentAndReportsItsState() throws Exception {
        String name = unique("web");
        HttpResponse<String> registered = send("POST", "/api/hosts", hostToken,
                "{\"name\":\"" + name + "\",\"rack\":\"r1\",\"tier\":\"api-canary\",\"address\":\"10.1.0.7\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(registered.body()).contains("\"name\":\"" + name + "\"", "\"rack\":\"r1\"", "\"tier\":\"api-canary\"",
                "\"address\":\"10.1.0.7\"", "\"version\":null", "\"state\":\"IDLE\"", "\"progress\":0", "\"detail\":null",
                "\"lastSeenAt\":\"");

        assertThat(send("GET", "/api/hosts/" + name + "/desired", hostToken, null).statusCode()).isEqualTo(204);

        ArtifactView artifact = publish();
        hosts.desire("api-canary", artifact.id());

        HttpResponse<String> desired = send("GET", "/api/hosts/" + name + "/desired", hostToken, null);
        assertThat(desired.statusCode()).isEqualTo(200);
        assertThat(desired.body()).startsWith("{\"artifactId\":\"" + artifact.id() + "\",\"sha256\":\""
                + artifact.sha256() + "\",\"size\":" + artifact.size() + ",\"fileName\":\"app.bin\",\"torrent\":\"/api/artifacts/"
                + artifact.id() + "/torrent\",\"manifest\":\"pushtrain build manifest 1\\nartifact " + artifact.id()
                + "\\nfile app.bin\\nsize " + artifact.size() + "\\nsha256 " + artifact.sha256()
                + "\\ntrain -\\npush -\\n\",\"signatures\":[{\"key\":\"");

        HttpResponse<byte[]> torrent = client.send(request("GET", "/api/artifacts/" + artifact.id() + "/torrent", hostToken, null),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(torrent.statusCode()).isEqualTo(200);
        assertThat(torrent.headers().firstValue("Content-Type")).contains("application/x-bittorrent");
        assertThat(new Torrent(torrent.body(), false).getName()).isEqualTo("app.bin");

        HttpResponse<String> reported = send("PUT", "/api/hosts/" + name + "/state", hostToken,
                "{\"version\":\"" + artifact.id() + "\",\"state\":\"RUNNING\",\"progress\":100,\"detail\":\"switched\"}");
        assertThat(reported.statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/hosts", hostToken, null).body()).contains(
                "\"name\":\"" + name + "\"", "\"version\":\"" + artifact.id() + "\"", "\"state\":\"RUNNING\"");
        assertThat(send("GET", "/api/artifacts/" + artifact.id(), hostToken, null).body())
                .contains("\"sha256\":\"" + artifact.sha256() + "\"", "\"size\":" + artifact.size());
    }

    @Test
    void anUnknownOrRevokedTokenIsRefused() throws Exception {
        assertThat(send("GET", "/api/hosts", Http.bearer("pt_not-a-token"), null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/hosts", hostToken, null).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = send("DELETE", "/api/users/" + host + "/tokens", Http.basic(engineer, "secret"), null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.body()).isEqualTo("{\"user\":\"" + host + "\",\"revoked\":1}");

        HttpResponse<String> refused = send("GET", "/api/hosts", hostToken, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("unknown or revoked");
    }

    @Test
    void badBodiesAre400WithADetailAndUnknownThingsAre404() throws Exception {
        assertThat(send("POST", "/api/hosts", hostToken, "{\"name\":").body()).contains("\"status\":400", "send a JSON object such as", "web-1");
        HttpResponse<String> noTier = send("POST", "/api/hosts", hostToken, "{\"name\":\"x1\",\"rack\":\"r1\",\"tier\":\"moon\"}");
        assertThat(noTier.statusCode()).isEqualTo(400);
        assertThat(noTier.body()).contains("tier moon is not one of api-dogfood, api-canary, api-prod");
        assertThat(send("PUT", "/api/hosts/nobody-" + UUID.randomUUID() + "/state", hostToken,
                "{\"state\":\"RUNNING\"}").statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/hosts/x/state", hostToken, "{\"state\":\"DANCING\"}").body())
                .contains("\"status\":400", "IDLE, DOWNLOADING, VERIFYING, RUNNING, FAILED");
        assertThat(send("GET", "/api/hosts/nobody-" + UUID.randomUUID() + "/desired", hostToken, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/artifacts/no-such-build/torrent", hostToken, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/rollouts/abc", hostToken, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/rollouts/999999999", hostToken, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/rollouts", Http.basic(engineer, "secret"), "{}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/rollouts", hostToken, "{\"artifact\":\"x\"}").statusCode()).isEqualTo(403);
    }

    private ArtifactView publish() throws Exception {
        byte[] bytes = new byte[200_000];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(Files.createDirectories(builds.resolve(unique("b"))).resolve("app.bin"), bytes);
        return artifacts.publish(unique("build"), file);
    }

    @Test
    void theDesiredBuildCarriesAManifestSignedByTheServersKeyAndARotatedKeySignsBesideTheOld() throws Exception {
        String name = unique("signed");
        send("POST", "/api/hosts", hostToken, "{\"name\":\"" + name + "\",\"rack\":\"r1\",\"tier\":\"api-dogfood\"}");
        ArtifactView artifact = publish();
        hosts.desire("api-dogfood", artifact.id());
        String before = keys.keys().get(keys.keys().size() - 1).id();

        BuildManifest signed = artifacts.manifest(artifact.id());
        assertThat(signed.signatures()).extracting(BuildManifest.Signature::key).contains(before);
        assertThat(signed.signatures()).allSatisfy(s -> assertThat(verifies(s, signed.text())).isTrue());

        assertThat(send("POST", "/api/signing-keys/rotate", hostToken, null).statusCode()).isEqualTo(403);
        HttpResponse<String> rotated = send("POST", "/api/signing-keys/rotate", Http.basic(engineer, "secret"), null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        String after = keys.keys().get(keys.keys().size() - 1).id();
        assertThat(rotated.body()).contains("\"id\":\"" + after + "\"", "\"signs\":true");

        HttpResponse<String> desired = send("GET", "/api/hosts/" + name + "/desired", hostToken, null);
        HttpResponse<String> listed = send("GET", "/api/signing-keys", hostToken, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"id\":\"" + before + "\"", "\"id\":\"" + after + "\"");
        BuildManifest both = artifacts.manifest(artifact.id());
        assertThat(both.signatures()).extracting(BuildManifest.Signature::key).contains(before, after);
        assertThat(both.signatures()).allSatisfy(s -> assertThat(verifies(s, both.text())).isTrue());
        assertThat(desired.body()).contains("{\"key\":\"" + before + "\",\"signature\":\"",
                "{\"key\":\"" + after + "\",\"signature\":\"");
    }

    private boolean verifies(BuildManifest.Signature signature, String text) throws Exception {
        String publicKey = keys.keys().stream().filter(k -> k.id().equals(signature.key())).findFirst().orElseThrow()
            .publicKey();
        java.security.Signature check = java.security.Signature.getInstance("Ed25519");
        check.initVerify(java.security.KeyFactory.getInstance("Ed25519")
            .generatePublic(new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(publicKey))));
        check.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return check.verify(java.util.Base64.getDecoder().decode(signature.signature()));
    }

    private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
        return client.send(request(method, path, authorization, json), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String authorization, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", authorization)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.build();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
