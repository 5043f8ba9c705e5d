package io.pushtrain.karma.risk;

import java.util.List;
import java.util.function.ToIntFunction;

import io.pushtrain.karma.KarmaProperties.Guides;
import io.pushtrain.karma.KarmaProperties.RiskRules;
import io.pushtrain.karma.PickSample;
import io.pushtrain.karma.Risk;
import io.pushtrain.karma.Risk.Level;

/**
 * Places a pick's size and discussion against recent picks, as a release engineer would:
 * high when it is both among the biggest and among the most discussed, medium when one of the
 * two is, or both are above the median, low otherwise. Pure: no database, no clock.
 */
public final class RiskModel {

    private final RiskRules rules;

    public RiskModel(RiskRules rules) {
        this.rules = rules;
    }

    /** The pick's risk against the history; fixed guides decide while the history is too short. */
    public Risk assess(PickSample pick, List<PickSample> history) {
        if (history.size() < rules.minimumSamples()) {
            return byGuides(pick, history.size());
        }
        // A pick is as big as its larger side: many lines, or many files.
        double size = Math.max(percentile(pick.lines(), history, PickSample::lines),
                percentile(pick.files(), history, PickSample::files));
        double talk = percentile(pick.discussion(), history, PickSample::discussion);
        Level level = level(size >= rules.highPercentile(), talk >= rules.highPercentile(),
                size > rules.mediumPercentile(), talk > rules.mediumPercentile());
        String reason = rank(size) + " by size (" + size(pick) + "), " + rank(talk) + " by discussion (score "
                + pick.discussion() + "), against the last " + history.size() + " picks";
        return new Risk(level, (int) Math.floor(size), (int) Math.floor(talk), history.size(), reason);
    }

    /**
     * The mid-rank percentile of a value among the history's: the share below it plus half the
     * share equal to it, so a value everybody shares sits at the median, not at the top.
     */
    static double percentile(int value, List<PickSample> history, ToIntFunction<PickSample> measure) {
        int below = 0;
        int equal = 0;
        for (PickSample sample : history) {
            int other = measure.applyAsInt(sample);
            if (other < value) {
                below++;
            }
            else if (other == value) {
                equal++;
            }
        }
        return 100.0 * (below + equal / 2.0) / history.size();
    }

    static Level level(boolean sizeHigh, boolean talkHigh, boolean sizeAboveUsual, boolean talkAboveUsual) {
        if (sizeHigh && talkHigh) {
            return Level.HIGH;
        }
        if (sizeHigh || talkHigh || (sizeAboveUsual && talkAboveUsual)) {
            return Level.MEDIUM;
        }
        return Level.LOW;
    }

    /** "top 5%" for the upper half, "bottom 20%" for the lower, never "top 0%". */
    static String rank(double percentile) {
        if (percentile >= 50) {
            return "top " + Math.max(1, 100 - (int) Math.floor(percentile)) + "%";
        }
        return "bottom " + Math.max(1, (int) Math.ceil(percentile)) + "%";
    }

    private Risk byGuides(PickSample pick, int known) {
        Guides guides = rules.guides();
        boolean big = pick.lines() >= guides.bigLines() || pick.files() >= guides.bigFiles();
        boolean larger = pick.lines() >= guides.mediumLines() || pick.files() >= guides.mediumFiles();
        boolean heated = pick.discussion() >= guides.heatedDiscussion();
        boolean some = pick.discussion() >= guides.someDiscussion();
        Level level = level(big, heated, larger, some);
        String sizeWords = big ? "big (from " + guides.bigLines() + " lines or " + guides.bigFiles() + " files)"
                : larger ? "larger than usual (from " + guides.mediumLines() + " lines or " + guides.mediumFiles()
                        + " files)"
                : "small";
        String talkWords = heated ? "heated (from " + guides.heatedDiscussion() + ")"
                : some ? "more than usual (from " + guides.someDiscussion() + ")" : "quiet";
        String reason = "only " + known + " recent picks to compare with (" + rules.minimumSamples()
                + " needed), so fixed guides decide: " + size(pick) + " is " + sizeWords + ", discussion score "
                + pick.discussion() + " is " + talkWords;
        return new Risk(level, null, null, known, reason);
    }

    private static String size(PickSample pick) {
        return pick.lines() + (pick.lines() == 1 ? " line" : " lines") + " in " + pick.files()
                + (pick.files() == 1 ? " file" : " files");
    }
}
