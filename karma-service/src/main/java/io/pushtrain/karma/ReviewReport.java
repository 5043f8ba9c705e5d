package io.pushtrain.karma;

/**
 * What a review tool reports about one review (a Gerrit change, a GitHub pull request, a
 * Phabricator revision). Counts are the current totals; a later report replaces them.
 *
 * @param source the tool: {@code gerrit}, {@code github}, {@code phabricator} or any short name
 * @param reviewId the review's id in that tool (Gerrit change number, {@code owner/repo#42},
 *     {@code D1234}); when empty, the commit sha names the review
 * @param url the review's web address, as the tool writes it in commit messages; optional
 * @param commitSha the commit under review (its current revision); optional
 * @param comments comments so far
 * @param reviewers people who reviewed or were asked to
 * @param revisions revisions (patch sets, diffs, pushes) so far; 1 for a change accepted as sent
 */
public record ReviewReport(String source, String reviewId, String url, String commitSha,
        int comments, int reviewers, int revisions) {
}
