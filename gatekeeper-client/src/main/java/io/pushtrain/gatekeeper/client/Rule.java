package io.pushtrain.gatekeeper.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One rule of a flag: every condition it names must hold (named users, groups, one attribute condition,
 * a percentage of users), and then it serves {@code serve}.
 *
 * @param users user ids that match
 * @param groups groups that match; a user's groups are its {@code groups} attribute
 * @param attribute the attribute an {@code op} compares, e.g. {@code country}
 * @param op one of {@code in, not_in, eq, semver_gte, semver_lt, gt, lt}
 * @param values the operand(s); exactly one for every operator but {@code in} and {@code not_in}
 * @param percentage share of users, 0 to 100, bucketed by a stable hash of flag and user
 * @param serve the variant this rule serves
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rule(List<String> users, List<String> groups, String attribute, String op, List<Object> values,
        Double percentage, String serve) {

    public static Rule users(String serve, String... users) {
        return new Rule(List.of(users), null, null, null, null, null, serve);
    }

    public static Rule groups(String serve, String... groups) {
        return new Rule(null, List.of(groups), null, null, null, null, serve);
    }

    public static Rule attribute(String attribute, String op, List<Object> values, String serve) {
        return new Rule(null, null, attribute, op, values, null, serve);
    }

    public static Rule percentage(double percentage, String serve) {
        return new Rule(null, null, null, null, null, percentage, serve);
    }
}
