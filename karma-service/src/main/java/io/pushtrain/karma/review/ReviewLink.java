package io.pushtrain.karma.review;

/**
 * A review a commit message points at.
 *
 * @param source the review tool, when the address tells it
 * @param reviewId the review's id in that tool, when the address tells it
 * @param url the address as written, without a trailing slash; null for a Change-Id
 */
public record ReviewLink(String source, String reviewId, String url) {
}
