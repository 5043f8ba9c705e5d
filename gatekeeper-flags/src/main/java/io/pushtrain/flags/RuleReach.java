package io.pushtrain.flags;

import java.util.List;

/**
 * Who one rule of a flag reaches: the users and groups it names, and how many users of a sample it serves, that is
 * match it and were not caught by an earlier rule.
 *
 * @param rule the rule's number from 1, {@code 0} for the default (the users no rule serves)
 * @param kind {@code users}, {@code groups}, {@code attribute}, {@code percentage}, several joined by {@code " + "}
 *        for a rule with more than one condition, or {@code default}
 * @param condition the rule in words, as an evaluation's reason names it ({@code country in [NZ, AU]})
 * @param serve the variant it serves
 * @param users the user ids it names (empty unless it has a users condition)
 * @param groups the groups it names (empty unless it has a groups condition)
 * @param reached how many users of the sample it serves
 * @param share {@code reached} over the sample's size, 0 to 1; {@code null} when the sample is empty
 */
public record RuleReach(int rule, String kind, String condition, String serve, List<String> users,
        List<String> groups, int reached, Double share) {

    public RuleReach {
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** The share as a person reads it: {@code 12.5%}, or {@code -} without a sample. */
    public String percent() {
        if (share == null) {
            return "-";
        }
        double percent = share * 100;
        return (percent == Math.rint(percent) ? Long.toString((long) percent)
                : String.format(java.util.Locale.ROOT, "%.1f", percent)) + "%";
    }
}
