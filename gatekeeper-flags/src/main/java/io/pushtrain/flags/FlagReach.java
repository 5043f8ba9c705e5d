package io.pushtrain.flags;

import java.util.List;

/**
 * Who each rule of a flag reaches, in order, and who gets the default.
 *
 * @param flag the flag's name
 * @param version the version counted, {@code null} for a draft not saved yet
 * @param enabled the kill switch: while {@code false} everyone gets the default, and the counts say whom the rules
 *        would serve once it is on
 * @param sample the users counted
 * @param rules one entry per rule, in the order they are tried
 * @param fallback the users no rule serves: they get {@code defaultVariant}
 */
public record FlagReach(String flag, Long version, boolean enabled, ReachSample sample, List<RuleReach> rules,
        RuleReach fallback) {

    public FlagReach {
        rules = List.copyOf(rules);
    }
}
