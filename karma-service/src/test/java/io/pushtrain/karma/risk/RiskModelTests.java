package io.pushtrain.karma.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.pushtrain.karma.KarmaProperties.RiskRules;
import io.pushtrain.karma.PickSample;
import io.pushtrain.karma.Risk;
import io.pushtrain.karma.Risk.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RiskModelTests {

    private final RiskModel model = new RiskModel(RiskRules.defaults());

    /** 100 picks: lines 10, 20 .. 1000, files 1 .. 100 alongside, discussion 0 .. 99. */
    private static final List<PickSample> LADDER = ladder();

    static Stream<Arguments> againstALadderOfPicks() {
        return Stream.of(
                // lines, files, discussion -> level, reason starts with
                arguments(50, 5, 3, Level.LOW, "bottom 5% by size (50 lines in 5 files), bottom 4% by discussion"),
                arguments(400, 40, 10, Level.LOW, "bottom 40% by size"),
                arguments(700, 70, 70, Level.MEDIUM, "top 31% by size (700 lines in 70 files), top 30% by discussion"),
                arguments(950, 10, 20, Level.MEDIUM, "top 6% by size"),
                arguments(100, 3, 95, Level.MEDIUM, "bottom 10% by size"),
                arguments(10, 95, 95, Level.HIGH, "top 6% by size (10 lines in 95 files), top 5% by discussion"),
                arguments(960, 96, 91, Level.HIGH, "top 5% by size (960 lines in 96 files), top 9% by discussion"),
                arguments(5000, 500, 500, Level.HIGH, "top 1% by size (5000 lines in 500 files), top 1% by discussion"));
    }

    @ParameterizedTest
    @MethodSource("againstALadderOfPicks")
    void aPickIsJudgedByWhereItsSizeAndDiscussionStandAmongRecentPicks(int lines, int files, int discussion,
            Level level, String reason) {
        Risk risk = model.assess(new PickSample("p", lines, files, discussion), LADDER);

        assertThat(risk.level()).isEqualTo(level);
        assertThat(risk.reason()).startsWith(reason).endsWith("against the last 100 picks");
        assertThat(risk.comparedWith()).isEqualTo(100);
    }

    static Stream<Arguments> levels() {
        return Stream.of(
                // size high, discussion high, size above median, discussion above median -> level
                arguments(true, true, true, true, Level.HIGH),
                arguments(true, false, true, false, Level.MEDIUM),
                arguments(false, true, false, true, Level.MEDIUM),
                arguments(false, false, true, true, Level.MEDIUM),
                arguments(false, false, true, false, Level.LOW),
                arguments(false, false, false, true, Level.LOW),
                arguments(false, false, false, false, Level.LOW));
    }

    @ParameterizedTest
    @MethodSource("levels")
    void highNeedsBothHighAndMediumNeedsOneHighOrBothAboveTheMedian(boolean sizeHigh, boolean talkHigh,
            boolean sizeAbove, boolean talkAbove, Level level) {
        assertThat(RiskModel.level(sizeHigh, talkHigh, sizeAbove, talkAbove)).isEqualTo(level);
    }

    @Test
    void aValueEveryRecentPickSharesSitsAtTheMedianNotAtTheTop() {
        List<PickSample> quiet = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            quiet.add(new PickSample("q" + i, 10 * i, 1 + i, 0));
        }

        Risk risk = model.assess(new PickSample("p", 30, 2, 0), quiet);

        assertThat(risk.discussionPercentile()).isEqualTo(50);
        assertThat(risk.level()).isEqualTo(Level.LOW);
    }

    @Test
    void riskNeverFallsAsSizeOrDiscussionGrowAgainstARandomHistory() {
        Random random = new Random(20260104L);
        for (int round = 0; round < 200; round++) {
            List<PickSample> history = randomHistory(random, 20 + random.nextInt(480));
            int lines = random.nextInt(2000);
            int files = random.nextInt(60);
            int discussion = random.nextInt(60);
            Risk before = model.assess(new PickSample("p", lines, files, discussion), history);
            Risk bigger = model.assess(new PickSample("p", lines + random.nextInt(500), files + random.nextInt(10),
                    discussion + random.nextInt(20)), history);

            assertThat(bigger.level()).as("round %d: %s then %s", round, before.reason(), bigger.reason())
                .isGreaterThanOrEqualTo(before.level());
            assertThat(bigger.sizePercentile()).isGreaterThanOrEqualTo(before.sizePercentile());
            assertThat(bigger.discussionPercentile()).isGreaterThanOrEqualTo(before.discussionPercentile());
        }
    }

    @Test
    void riskMovesFromLowToHighAsAPickGrowsAgainstARandomHistory() {
        Random random = new Random(42L);
        for (int round = 0; round < 50; round++) {
            List<PickSample> history = randomHistory(random, 100 + random.nextInt(400));
            List<Level> levels = new ArrayList<>();
            // From the smallest recent pick through every tenth percentile to twice the largest.
            for (int tenth = 0; tenth <= 11; tenth++) {
                levels.add(model.assess(quantile(history, tenth / 10.0), history).level());
            }

            assertThat(levels).as("round %d", round).isSorted().startsWith(Level.LOW).endsWith(Level.HIGH);
        }
    }

    @Test
    void withTooLittleHistoryFixedGuidesDecideAndTheReasonSaysSo() {
        List<PickSample> few = LADDER.subList(0, 7);

        Risk small = model.assess(new PickSample("p", 40, 2, 1), few);
        Risk larger = model.assess(new PickSample("p", 150, 3, 6), few);
        Risk big = model.assess(new PickSample("p", 650, 12, 25), few);

        assertThat(small.level()).isEqualTo(Level.LOW);
        assertThat(larger.level()).isEqualTo(Level.MEDIUM);
        assertThat(big.level()).isEqualTo(Level.HIGH);
        assertThat(big.sizePercentile()).isNull();
        assertThat(big.reason()).isEqualTo("only 7 recent picks to compare with (20 needed), so fixed guides decide:"
                + " 650 lines in 12 files is big (from 500 lines or 20 files), discussion score 25 is heated (from 20)");
    }

    private static List<PickSample> ladder() {
        List<PickSample> picks = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            picks.add(new PickSample("l" + i, 10 * i, i, i - 1));
        }
        return List.copyOf(picks);
    }

    /** Pick sizes are skewed, as real ones are: most are small, a few are huge. */
    private static List<PickSample> randomHistory(Random random, int size) {
        List<PickSample> picks = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int lines = (int) Math.round(Math.exp(random.nextGaussian() * 1.2 + 3.5));
            int files = 1 + (int) Math.round(Math.exp(random.nextGaussian() * 0.8));
            int discussion = (int) Math.round(Math.exp(random.nextGaussian() + 1.5));
            picks.add(new PickSample("h" + i, lines, files, discussion));
        }
        return picks;
    }

    /** A pick at the q-quantile of each measure; beyond 1, that many times the largest. */
    private static PickSample quantile(List<PickSample> history, double q) {
        return new PickSample("q", at(history.stream().mapToInt(PickSample::lines).sorted().toArray(), q),
                at(history.stream().mapToInt(PickSample::files).sorted().toArray(), q),
                at(history.stream().mapToInt(PickSample::discussion).sorted().toArray(), q));
    }

    private static int at(int[] sorted, double q) {
        if (q > 1) {
            return (int) Math.ceil(sorted[sorted.length - 1] * q) + 1;
        }
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}
