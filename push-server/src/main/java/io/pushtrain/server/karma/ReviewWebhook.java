package io.pushtrain.server.karma;

import java.security.Principal;

import io.pushtrain.karma.Discussion;
import io.pushtrain.karma.ReviewReport;
import io.pushtrain.karma.Reviews;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook review tools call with a review's activity. Any signed-in caller may report; give
 * each review tool its own bot user and token so the reports say who sent them.
 */
@Tag(name = "Reviews", description = "Code review discussion, reported by a signed webhook")
@RestController
@RequestMapping("/api/reviews")
class ReviewWebhook {

    private final Reviews reviews;

    ReviewWebhook(Reviews reviews) {
        this.reviews = reviews;
    }

    @Operation(summary = "Report a review's discussion for a commit (HMAC-signed webhook or a release engineer)")
    @PostMapping
    Discussion report(@RequestBody ReviewBody body, Principal caller) {
        return reviews.report(body.toReport(), caller.getName());
    }

    /**
     * The webhook's body; a missing count is 0, a missing {@code revisions} is 1.
     */
    record ReviewBody(String source, String review, String url, String commit, Integer comments, Integer reviewers,
            Integer revisions) {

        ReviewReport toReport() {
            return new ReviewReport(source, review, url, commit, orZero(comments), orZero(reviewers),
                    revisions == null ? 1 : revisions);
        }

        private static int orZero(Integer count) {
            return count == null ? 0 : count;
        }
    }
}
