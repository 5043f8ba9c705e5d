package io.pushtrain.server.karma;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.pushtrain.karma.Reviews;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static io.pushtrain.server.karma.KarmaTestPeople.login;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, case 2, over a real socket: a review report is taken when its body is signed with
 * HMAC-SHA256 under the webhook secret, or when a release engineer posts it; a developer, a wrong
 * signature or nobody at all is refused with a problem, and the stored discussion does not move.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.data-dir=target/karma-signature-data", "pushtrain.reviews.webhook-secret=" + ReviewWebhookSignatureIntegrationTests.SECRET })
class ReviewWebhookSignatureIntegrationTests {

    static final String SECRET = "s3cret-shared-with-phabricator";

    private static final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Reviews reviews;

    @Test
    void aSignedReportIsTakenAndADevelopersOverwriteIsRefused() throws Exception {
        String revision = revision();
        String heated = "{\"source\": \"phabricator\", \"review\": \"" + revision + "\", \"url\": \"https://phab.example.com/"
                + revision + "\", \"comments\": 90, \"reviewers\": 6, \"revisions\": 15}";
        HttpResponse<String> signed = post(heated, "X-Pushtrain-Signature", "sha256=" + hmac(SECRET, heated), null);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        int score = discussion(revision);
        assertThat(score).isGreaterThan(100);

        String developer = KarmaTestPeople.create(people, encoder, "dev", Role.DEVELOPER);
        String calm = "{\"source\": \"phabricator\", \"review\": \"" + revision + "\", \"comments\": 1}";
        HttpResponse<String> overwrite = post(calm, null, null, login(developer));

        assertThat(overwrite.statusCode()).isEqualTo(403);
        assertThat(overwrite.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(overwrite.body()).contains("signs its webhook", "release engineer");
        assertThat(discussion(revision)).isEqualTo(score);
    }

    @Test
    void aWrongOrMissingSignatureIsRefusedAndNothingIsStored() throws Exception {
        String revision = revision();
        String body = "{\"source\": \"phabricator\", \"review\": \"" + revision + "\", \"comments\": 1}";

        HttpResponse<String> wrongSecret = post(body, "X-Pushtrain-Signature", "sha256=" + hmac("guessed", body), null);
        HttpResponse<String> otherBody = post(body, "X-Pushtrain-Signature", "sha256=" + hmac(SECRET, body + " "), null);
        HttpResponse<String> garbage = post(body, "X-Pushtrain-Signature", "sha256=zz", null);
        HttpResponse<String> unsigned = post(body, null, null, null);

        for (HttpResponse<String> refused : new HttpResponse[] { wrongSecret, otherBody, garbage, unsigned }) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(wrongSecret.body()).contains("signature does not match");
        assertThat(reviews.discussionOf(null, "Differential Revision: https://phab.example.com/" + revision).found()).isFalse();
    }

    @Test
    void githubAndGiteaSignaturesAndAReleaseEngineerAreTaken() throws Exception {
        String github = "{\"source\": \"github\", \"review\": \"acme/www#" + revision() + "\", \"comments\": 2}";
        String gitea = "{\"source\": \"gitea\", \"review\": \"acme/www#" + revision() + "\", \"comments\": 3}";
        String engineer = KarmaTestPeople.create(people, encoder, "re", Role.RELEASE_ENGINEER);
        String byHand = "{\"source\": \"gerrit\", \"review\": \"" + revision() + "\", \"comments\": 4}";

        assertThat(post(github, "X-Hub-Signature-256", "sha256=" + hmac(SECRET, github), null).statusCode()).isEqualTo(200);
        assertThat(post(gitea, "X-Gitea-Signature", hmac(SECRET, gitea), null).statusCode()).isEqualTo(200);
        assertThat(post(byHand, null, null, login(engineer)).statusCode()).isEqualTo(200);
    }

    private int discussion(String revision) {
        return reviews.discussionOf(null, "Differential Revision: https://phab.example.com/" + revision).score();
    }

    private HttpResponse<String> post(String json, String header, String signature, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/reviews"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (header != null) {
            request.header(header, signature);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String revision() {
        return "D" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).chars().map(c -> '0' + c % 10)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
    }
}
