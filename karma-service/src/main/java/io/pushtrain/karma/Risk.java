package io.pushtrain.karma;

/**
 * How risky a pick looks next to recent picks, and why in words a release engineer reads.
 *
 * @param level low, medium or high
 * @param sizePercentile where the pick's size stands among recent picks (0 to 100), null
 *     when too few recent picks were known and fixed guides decided
 * @param discussionPercentile the same for its discussion
 * @param comparedWith how many recent picks it was compared with
 * @param reason e.g. "top 5% by size (812 lines in 14 files), top 10% by discussion (score 23),
 *     against the last 480 picks"
 */
public record Risk(Level level, Integer sizePercentile, Integer discussionPercentile, int comparedWith,
        String reason) {

    /** Risk levels, in increasing order of the attention a pick needs. */
    public enum Level {
        LOW, MEDIUM, HIGH
    }
}
