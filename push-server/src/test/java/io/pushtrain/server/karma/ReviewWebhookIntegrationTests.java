package io.pushtrain.server.karma;

import io.pushtrain.server.Http;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.pushtrain.karma.Reviews;
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

/** The review webhook over a real socket: reports land, malformed and anonymous ones are refused. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pushtrain.data-dir=target/karma-api-data")
class ReviewWebhookIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Reviews reviews;

    String bot;

    @BeforeEach
    void createBot() {
        // Unsigned reports are a release engineer's (ReviewWebhookSignatureIntegrationTests has the signed ones).
        bot = KarmaTestPeople.create(people, encoder, "review-bot", Role.RELEASE_ENGINEER);
    }

    @Test
    void aGerritReportIsKeptAndFoundByTheReviewedOnTrailer() throws Exception {
        String change = Integer.toString(100_000 + (int) (Math.random() * 800_000));
        String sha = sha();

        HttpResponse<String> response = report("""
                {"source": "gerrit", "review": "%s", "url": "https://review.example.org/c/www/+/%s",
                 "commit": "%s", "comments": 12, "reviewers": 3, "revisions": 4}""".formatted(change, change, sha));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"source\":\"gerrit\",\"reviewId\":\"" + change + "\",\"url\":"
                + "\"https://review.example.org/c/www/+/" + change + "\",\"comments\":12,\"reviewers\":3,"
                + "\"revisions\":4,\"score\":21}");
        assertThat(reviews.discussionOf(sha(), "Fix\n\nReviewed-on: https://review.example.org/c/www/+/" + change)
            .score()).isEqualTo(21);
    }

    @Test
    void malformedJsonIsABadRequestProblem() throws Exception {
        HttpResponse<String> response = report("{\"source\": \"gerrit\", \"comments\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("The body is not the JSON this endpoint reads").doesNotContain("Exception");
    }

    @Test
    void aCountThatIsNotAWholeNumberIsABadRequestProblem() throws Exception {
        HttpResponse<String> response = report("{\"review\": \"1\", \"comments\": \"many\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("whole numbers for the counts");
    }

    @Test
    void negativeCountsAreABadRequestProblem() throws Exception {
        HttpResponse<String> response = report("{\"source\": \"github\", \"review\": \"acme/www#1\", \"reviewers\": -2}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"detail\":\"\\\"reviewers\\\" counts, so it is 0 or more; got -2.\"");
    }

    @Test
    void aReportWithoutAReviewOrACommitIsABadRequestProblem() throws Exception {
        HttpResponse<String> missing = report("{\"source\": \"phabricator\", \"comments\": 3}");
        HttpResponse<String> empty = report("");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("Name the review");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("\"status\":400", "The body is not the JSON");
    }

    @Test
    void anonymousReportsAreRefused() throws Exception {
        String revision = "D" + (1_000_000 + (int) (Math.random() * 1_000_000));
        HttpResponse<String> response = Http.post(url("/api/reviews"), null,
                "{\"source\": \"phabricator\", \"review\": \"" + revision + "\", \"comments\": 1}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("Sign in with HTTP Basic or an API token");
        assertThat(reviews.discussionOf(null, "Differential Revision: https://phab.example.com/" + revision).found()).isFalse();
    }

    private HttpResponse<String> report(String json) throws Exception {
        return Http.post(url("/api/reviews"), login(bot), json);
    }

    private static String sha() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
