package io.pushtrain.karma;

/**
 * How much a change was discussed in code review, as one number and its parts.
 *
 * <p>{@code score = comments + 2 * (revisions - 1) + reviewers}: every comment counts, every
 * revision after the first counts twice (a new revision means reviewers asked for changes),
 * and every reviewer counts once (more people pulled in, more contention).
 *
 * @param source the review tool, or null when no review was found
 * @param reviewId the review's id in that tool, or null when no review was found
 * @param url the review's web address, when known
 * @param comments comments in the review
 * @param reviewers reviewers of the change
 * @param revisions revisions (patch sets, diffs) of the change
 * @param score the single number risk compares between picks
 */
public record Discussion(String source, String reviewId, String url, int comments, int reviewers, int revisions,
        int score) {

    private static final Discussion NONE = new Discussion(null, null, null, 0, 0, 0, 0);

    /** A review's discussion, with its score. */
    public static Discussion of(String source, String reviewId, String url, int comments, int reviewers,
            int revisions) {
        return new Discussion(source, reviewId, url, comments, reviewers, revisions,
                score(comments, reviewers, revisions));
    }

    /** No review is known for the commit: nothing was discussed that pushtrain knows of. */
    public static Discussion none() {
        return NONE;
    }

    /** See the type's documentation; saturates instead of overflowing on absurd counts. */
    public static int score(int comments, int reviewers, int revisions) {
        long score = (long) comments + 2L * Math.max(revisions - 1, 0) + reviewers;
        return (int) Math.min(score, Integer.MAX_VALUE);
    }

    /** Whether a review was found for the commit. */
    public boolean found() {
        return reviewId != null;
    }
}
