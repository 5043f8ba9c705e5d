package io.pushtrain.karma.review;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ReviewLinksTests {

    static Stream<Arguments> addresses() {
        return Stream.of(
                arguments("https://review.example.org/c/www/+/12345", "gerrit", "12345"),
                arguments("https://review.example.org/c/www/+/12345/3", "gerrit", "12345"),
                arguments("https://review.example.org/c/group/sub/www/+/77/", "gerrit", "77"),
                arguments("https://review.example.org/#/c/4711/", "gerrit", "4711"),
                arguments("https://review.example.org/4711", "gerrit", "4711"),
                arguments("https://phabricator.example.com/D1234", "phabricator", "D1234"),
                arguments("https://github.com/acme/www/pull/42", "github", "acme/www#42"),
                arguments("https://ghe.corp.example/acme/www.js/pull/7/files", "github", "acme/www.js#7"),
                arguments("https://wiki.example.org/page", null, null));
    }

    @ParameterizedTest
    @MethodSource("addresses")
    void anAddressTellsItsToolAndReviewWhenItsShapeIsKnown(String url, String source, String reviewId) {
        ReviewLink link = ReviewLinks.of(url + "  ");

        assertThat(link.source()).isEqualTo(source);
        assertThat(link.reviewId()).isEqualTo(reviewId);
        assertThat(link.url()).doesNotEndWith("/").doesNotEndWith(" ");
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                arguments("Fix it\n\nReviewed-on: https://r.example.org/c/www/+/9\nTested-by: CI", "gerrit:9"),
                arguments("Fix it\n\nChange-Id: I0123456789abcdef0123456789abcdef01234567",
                        "gerrit:I0123456789abcdef0123456789abcdef01234567"),
                arguments("Speed up\n\nDifferential Revision: https://phab.example.com/D88", "phabricator:D88"),
                arguments("Speed up\n\ndifferential revision:   https://phab.example.com/D88  ", "phabricator:D88"),
                arguments("Merge https://github.com/acme/www/pull/3 and https://github.com/acme/www/pull/4",
                        "github:acme/www#3 github:acme/www#4"),
                arguments("Fix\n\nPR-URL: https://github.com/acme/www/pull/5\nsee https://github.com/acme/www/pull/5",
                        "github:acme/www#5"),
                arguments("A message that mentions Reviewed-on: in the middle of a line", ""),
                arguments("", ""));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void aCommitMessageNamesItsReviewsByTrailersAndPullRequestAddresses(String message, String expected) {
        String found = String.join(" ", ReviewLinks.in(message).stream()
            .map(link -> link.source() + ":" + link.reviewId()).toList());

        assertThat(found).isEqualTo(expected);
    }
}
