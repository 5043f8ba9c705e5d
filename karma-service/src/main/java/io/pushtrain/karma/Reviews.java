package io.pushtrain.karma;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.pushtrain.karma.review.ReviewEntity;
import io.pushtrain.karma.review.ReviewLink;
import io.pushtrain.karma.review.ReviewLinks;
import io.pushtrain.karma.review.ReviewRepository;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Code review activity as review tools report it, and the discussion a commit had: found by its
 * sha, or by the review its message names ({@code Reviewed-on:}, {@code Differential Revision:},
 * a GitHub pull request address).
 */
@Service
@Transactional
public class Reviews {

    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final int MAX_ID = 200;
    private static final int MAX_URL = 500;

    private final ReviewRepository reviews;

    Reviews(ReviewRepository reviews) {
        this.reviews = reviews;
    }

    /** Keeps what a review tool reported (replacing earlier counts of the same review) and answers its discussion. */
    public Discussion report(ReviewReport report, String reportedBy) {
        String source = source(report.source());
        String sha = sha(report.commitSha());
        String reviewId = reviewId(report.reviewId(), sha);
        String url = url(report.url());
        count("comments", report.comments());
        count("reviewers", report.reviewers());
        count("revisions", report.revisions());
        String by = reportedBy == null || reportedBy.isBlank() ? "unknown" : reportedBy;
        reviews.createIfMissing(source, reviewId, by);
        ReviewEntity review = reviews.lock(source, reviewId).orElseThrow();
        review.report(url, sha, report.comments(), report.reviewers(), report.revisions(), by,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return review.toDiscussion();
    }

    /**
     * The discussion of a commit: the review that saw this sha, else the first review its message
     * names; {@link Discussion#none()} when no review is known. Either argument may be null.
     */
    @Transactional(readOnly = true)
    public Discussion discussionOf(String commitSha, String commitMessage) {
        if (commitSha != null && !commitSha.isBlank()) {
            List<ReviewEntity> bySha = reviews.findByCommit(commitSha.strip().toLowerCase(Locale.ROOT));
            if (!bySha.isEmpty()) {
                return bySha.get(0).toDiscussion();
            }
        }
        for (ReviewLink link : ReviewLinks.in(commitMessage)) {
            Optional<ReviewEntity> review = find(link);
            if (review.isPresent()) {
                return review.get().toDiscussion();
            }
        }
        return Discussion.none();
    }

    private Optional<ReviewEntity> find(ReviewLink link) {
        if (link.url() != null) {
            List<ReviewEntity> byUrl = reviews.findByUrlOrderByUpdatedAtDesc(link.url());
            if (!byUrl.isEmpty()) {
                return Optional.of(byUrl.get(0));
            }
        }
        if (link.source() != null) {
            return reviews.findBySourceAndReviewId(link.source(), link.reviewId()).stream().findFirst();
        }
        return Optional.empty();
    }

    private static String source(String source) {
        if (source == null || source.isBlank()) {
            return "other";
        }
        String clean = source.strip().toLowerCase(Locale.ROOT);
        if (!SOURCE.matcher(clean).matches()) {
            throw new KarmaException.Invalid("\"source\" names the review tool in 1 to 32 letters, digits, '-' or '_'"
                    + " (gerrit, github, phabricator); got '" + source + "'.");
        }
        return clean;
    }

    private static String sha(String sha) {
        if (sha == null || sha.isBlank()) {
            return null;
        }
        String clean = sha.strip().toLowerCase(Locale.ROOT);
        if (!SHA.matcher(clean).matches()) {
            throw new KarmaException.Invalid("\"commit\" is a full commit sha, 40 (or 64) hexadecimal digits; got '"
                    + sha + "'.");
        }
        return clean;
    }

    private static String reviewId(String reviewId, String sha) {
        if (reviewId == null || reviewId.isBlank()) {
            if (sha == null) {
                throw new KarmaException.Invalid("Name the review: give \"review\" (its id in the review tool) or"
                        + " \"commit\" (the sha under review), or both.");
            }
            return sha;
        }
        String clean = reviewId.strip();
        if (clean.length() > MAX_ID) {
            throw new KarmaException.Invalid("\"review\" is at most " + MAX_ID + " characters.");
        }
        return clean;
    }

    private static String url(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String clean = ReviewLinks.normalize(url);
        if (!(clean.startsWith("https://") || clean.startsWith("http://")) || clean.length() > MAX_URL
                || clean.chars().anyMatch(Character::isWhitespace)) {
            throw new KarmaException.Invalid("\"url\" is the review's http(s) address, at most " + MAX_URL
                    + " characters without spaces; got '" + url + "'.");
        }
        return clean;
    }

    private static void count(String name, int value) {
        if (value < 0) {
            throw new KarmaException.Invalid("\"" + name + "\" counts, so it is 0 or more; got " + value + ".");
        }
    }
}
