package io.pushtrain.karma;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How karma and risk judge people and picks ({@code pushtrain.karma.*}).
 *
 * @param defaultStars the stars of someone nobody has liked or unliked yet (1 to 5)
 * @param threshold at or below this many stars the train takes no picks from a person (0: never)
 * @param contact where a refused person talks to the release engineer, named in the message
 * @param costOfConflict stars a pick that conflicts costs its requester; 0 turns it off
 * @param costOfFailedTests stars a pick that breaks the tests costs; 0 turns it off
 * @param costOfRevert stars a shipped pick that had to be reverted costs; 0 turns it off
 * @param risk how a pick's size and discussion are placed against recent picks
 */
@ConfigurationProperties("pushtrain.karma")
public record KarmaProperties(
        @DefaultValue("5") int defaultStars,
        @DefaultValue("2") int threshold,
        @DefaultValue("#release") String contact,
        @DefaultValue("0") int costOfConflict,
        @DefaultValue("0") int costOfFailedTests,
        @DefaultValue("0") int costOfRevert,
        @DefaultValue RiskRules risk) {

    /** Karma has 1 to 5 stars. */
    public static final int MIN_STARS = 1;
    public static final int MAX_STARS = 5;

    public KarmaProperties {
        // Fail at start-up with the key's name rather than judge people by a nonsense rule.
        check(defaultStars >= MIN_STARS && defaultStars <= MAX_STARS, "pushtrain.karma.default-stars is 1 to 5");
        check(threshold >= 0 && threshold < MAX_STARS, "pushtrain.karma.threshold is 0 (never refuse) to 4");
        check(costOfConflict >= 0 && costOfFailedTests >= 0 && costOfRevert >= 0,
                "pushtrain.karma.cost-of-* are 0 (off) or more stars");
        contact = contact == null || contact.isBlank() ? "#release" : contact;
        risk = risk == null ? RiskRules.defaults() : risk;
    }

    /** The documented defaults, for code that runs without Spring's binder (tests, tools). */
    public static KarmaProperties defaults() {
        return new KarmaProperties(5, 2, "#release", 0, 0, 0, RiskRules.defaults());
    }

    /** Stars the offence costs; 0 means this automatic effect is off. */
    public int costOf(Offence offence) {
        return switch (offence) {
            case CONFLICT -> costOfConflict;
            case FAILED_TESTS -> costOfFailedTests;
            case REVERT -> costOfRevert;
        };
    }

    /**
     * Where a pick stands among recent picks.
     *
     * @param window how many of the most recent picks make the distribution
     * @param maxAge picks older than this are not recent any more
     * @param minimumSamples with fewer recent picks than this, the fixed guides decide instead
     * @param highPercentile at or above this percentile a size or a discussion is high
     * @param mediumPercentile above this percentile (the median by default) it is above usual
     * @param guides the fixed guides for a young installation without history
     */
    public record RiskRules(
            @DefaultValue("500") int window,
            @DefaultValue("30d") Duration maxAge,
            @DefaultValue("20") int minimumSamples,
            @DefaultValue("90") double highPercentile,
            @DefaultValue("50") double mediumPercentile,
            @DefaultValue Guides guides) {

        public RiskRules {
            check(window >= 1, "pushtrain.karma.risk.window is 1 or more picks");
            check(maxAge != null && !maxAge.isNegative() && !maxAge.isZero(), "pushtrain.karma.risk.max-age is positive");
            check(minimumSamples >= 1, "pushtrain.karma.risk.minimum-samples is 1 or more");
            check(mediumPercentile >= 0 && mediumPercentile < highPercentile && highPercentile <= 100,
                    "pushtrain.karma.risk: 0 <= medium-percentile < high-percentile <= 100");
            guides = guides == null ? Guides.defaults() : guides;
        }

        public static RiskRules defaults() {
            return new RiskRules(500, Duration.ofDays(30), 20, 90, 50, Guides.defaults());
        }
    }

    /**
     * Absolute sizes and discussion scores, used only while there are too few recent picks.
     *
     * @param bigLines a pick with this many changed lines or more is big
     * @param bigFiles a pick touching this many files or more is big
     * @param mediumLines from this many lines a pick is larger than usual
     * @param mediumFiles from this many files a pick is larger than usual
     * @param heatedDiscussion from this discussion score a review was heated
     * @param someDiscussion from this discussion score a review had more than usual
     */
    public record Guides(
            @DefaultValue("500") int bigLines,
            @DefaultValue("20") int bigFiles,
            @DefaultValue("100") int mediumLines,
            @DefaultValue("5") int mediumFiles,
            @DefaultValue("20") int heatedDiscussion,
            @DefaultValue("5") int someDiscussion) {

        public static Guides defaults() {
            return new Guides(500, 20, 100, 5, 20, 5);
        }
    }

    private static void check(boolean condition, String rule) {
        if (!condition) {
            throw new IllegalArgumentException(rule);
        }
    }
}
