package io.pushtrain.karma;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class ReviewsIntegrationTests {

    @Autowired
    Reviews reviews;

    @Test
    void aCommitFindsItsReviewByShaAndEveryRevisionsShaKeepsWorking() {
        String review = uniqueNumber();
        String firstSha = sha();
        String secondSha = sha();
        reviews.report(new ReviewReport("gerrit", review, null, firstSha, 3, 2, 1), "review-bot");

        Discussion latest = reviews.report(new ReviewReport("Gerrit", review, null, secondSha, 11, 3, 4), "review-bot");

        assertThat(latest).isEqualTo(Discussion.of("gerrit", review, null, 11, 3, 4));
        assertThat(latest.score()).isEqualTo(11 + 2 * 3 + 3);
        assertThat(reviews.discussionOf(firstSha, null)).isEqualTo(latest);
        assertThat(reviews.discussionOf(secondSha.toUpperCase(), "no trailers")).isEqualTo(latest);
    }

    @Test
    void gerritsReviewedOnTrailerLinksALandedCommitToItsChange() {
        String change = uniqueNumber();
        String url = "https://review.example.org/c/www/+/" + change;
        reviews.report(new ReviewReport("gerrit", change, url + "/", sha(), 7, 2, 3), "review-bot");

        Discussion found = reviews.discussionOf(sha(), """
                Fix the photo composer crash

                Change-Id: I0a1b2c3d4e5f60718293a4b5c6d7e8f901234567
                Reviewed-on: %s
                Reviewed-by: Ann <ann@example.org>
                """.formatted(url));

        assertThat(found.reviewId()).isEqualTo(change);
        assertThat(found.score()).isEqualTo(7 + 4 + 2);
    }

    @Test
    void aGerritAddressWithAnotherShapeStillFindsTheChangeByItsNumber() {
        String change = uniqueNumber();
        reviews.report(new ReviewReport("gerrit", change, null, null, 1, 1, 1), "review-bot");

        Discussion found = reviews.discussionOf(null, "x\n\nReviewed-on: https://gerrit.example.org/#/c/" + change + "/");

        assertThat(found.found()).isTrue();
        assertThat(found.reviewId()).isEqualTo(change);
    }

    @Test
    void phabricatorsDifferentialRevisionTrailerLinksToTheRevision() {
        String revision = "D" + uniqueNumber();
        reviews.report(new ReviewReport("phabricator", revision, null, null, 20, 4, 6), "review-bot");

        Discussion found = reviews.discussionOf(sha(), "Summary: speed up feed\n\nTest Plan: ran it\n\n"
                + "Differential Revision: https://phabricator.example.com/" + revision);

        assertThat(found).extracting(Discussion::source, Discussion::reviewId, Discussion::score)
            .containsExactly("phabricator", revision, 20 + 10 + 4);
    }

    @Test
    void aGithubPullRequestAddressInTheMessageLinksToThePullRequest() {
        String number = uniqueNumber();
        reviews.report(new ReviewReport("github", "acme/www#" + number, "https://github.com/acme/www/pull/" + number,
                null, 5, 1, 2), "review-bot");

        Discussion found = reviews.discussionOf(null,
                "Merge pull request from feature\n\nSee https://github.com/acme/www/pull/" + number + " for context.");

        assertThat(found.reviewId()).isEqualTo("acme/www#" + number);
        assertThat(found.url()).isEqualTo("https://github.com/acme/www/pull/" + number);
    }

    @Test
    void aCommitWithoutAKnownReviewHadNoDiscussion() {
        assertThat(reviews.discussionOf(sha(), "Reviewed-on: https://review.example.org/c/www/+/1")).satisfies(d -> {
            assertThat(d.found()).isFalse();
            assertThat(d.score()).isZero();
        });
        assertThat(reviews.discussionOf(null, null)).isEqualTo(Discussion.none());
    }

    @Test
    void aReportWithOnlyACommitIsNamedByTheCommit() {
        String sha = sha();

        Discussion discussion = reviews.report(new ReviewReport(null, null, null, sha, 0, 1, 1), "bot");

        assertThat(discussion.source()).isEqualTo("other");
        assertThat(discussion.reviewId()).isEqualTo(sha);
    }

    @Test
    void malformedReportsAreRefusedWithWhatToFix() {
        assertThatThrownBy(() -> reviews.report(new ReviewReport("gerrit", null, null, null, 1, 1, 1), "bot"))
            .isInstanceOf(KarmaException.Invalid.class).hasMessageContaining("Name the review");
        assertThatThrownBy(() -> reviews.report(new ReviewReport("gerrit", "1", null, null, -1, 1, 1), "bot"))
            .isInstanceOf(KarmaException.Invalid.class).hasMessageContaining("\"comments\" counts, so it is 0 or more");
        assertThatThrownBy(() -> reviews.report(new ReviewReport("gerrit", "1", null, "abc", 1, 1, 1), "bot"))
            .isInstanceOf(KarmaException.Invalid.class).hasMessageContaining("full commit sha");
        assertThatThrownBy(() -> reviews.report(new ReviewReport("gerrit", "1", "ftp://x", null, 1, 1, 1), "bot"))
            .isInstanceOf(KarmaException.Invalid.class).hasMessageContaining("\"url\"");
        assertThatThrownBy(() -> reviews.report(new ReviewReport("a tool!", "1", null, null, 1, 1, 1), "bot"))
            .isInstanceOf(KarmaException.Invalid.class).hasMessageContaining("\"source\"");
    }

    private static String uniqueNumber() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    }

    private static String sha() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40);
    }
}
