package io.pushtrain.gatekeeper.client;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.pushtrain.gatekeeper.client.RuleEvaluationTests.condition;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each bad definition is refused with a message that says what to change. */
class FlagValidationTests {

    static Stream<Arguments> badFlags() {
        return Stream.of(
                arguments(rules(Rule.percentage(120, "on")), "rule 1: percentage 120 is outside 0-100"),
                arguments(rules(Rule.percentage(-1, "on")), "rule 1: percentage -1 is outside 0-100"),
                arguments(rules(condition("country", "like", "N%")), "rule 1: unknown operator 'like'"),
                arguments(rules(Rule.attribute("country", "in", List.of(), "on")),
                        "rule 1: in on 'country' has no values, so it can never match"),
                arguments(rules(Rule.users("on")), "rule 1: an empty or blank entry in 'users' can never match"),
                arguments(rules(Rule.groups("on", " ")), "rule 1: an empty or blank entry in 'groups' can never match"),
                arguments(rules(Rule.users("purple", "alice")), "rule 1 serves 'purple', which is not one of the variants"),
                arguments(rules(new Rule(null, null, null, null, null, null, "on")), "rule 1 has no condition"),
                arguments(rules(new Rule(null, null, null, "in", List.of("NZ"), null, "on")),
                        "rule 1: 'op' and 'values' need an 'attribute'"),
                arguments(rules(condition("appVersion", "semver_gte", "two")), "rule 1: 'two' is not a version"),
                arguments(rules(condition("age", "gt", "old")), "rule 1: gt compares numbers and 'old' is not one"),
                arguments(rules(condition("plan", "eq", "pro", "team")), "rule 1: eq takes exactly one value, got 2"),
                arguments(rules(Rule.percentage(100, "on"), Rule.users("off", "bob")),
                        "rule 2 can never match: rule 1 (100%) already matches every user"),
                arguments(rules(Rule.percentage(120, "on"), Rule.users("on", "bob")), "rule 1: percentage 120 is outside 0-100"),
                arguments(new Flag("composer", null, null, true, Map.of("on", true), "off", List.of(), null),
                        "defaultVariant 'off' is not one of the variants [on]"),
                arguments(new Flag("composer", null, null, true, Map.of(), "off", List.of(), null),
                        "a flag needs at least one variant"),
                arguments(new Flag("New Composer!", null, null, true, Map.of("off", false), "off", List.of(), null),
                        "the name must be 1 to 100 characters"));
    }

    @org.junit.jupiter.api.Test
    void anInvalidPercentageIsNotTakenForACatchAll() {
        assertThatThrownBy(() -> CompiledFlag.of(rules(Rule.percentage(120, "on"), Rule.users("on", "bob"))))
            .isInstanceOfSatisfying(InvalidFlag.class,
                    e -> org.assertj.core.api.Assertions.assertThat(e.problems()).containsExactly("rule 1: percentage 120 is outside 0-100"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badFlags")
    void aFlagThatCannotBeServedAsWrittenIsRefused(Flag flag, String problem) {
        assertThatThrownBy(() -> CompiledFlag.of(flag))
            .isInstanceOf(InvalidFlag.class)
            .isInstanceOf(FlagException.class)
            .hasMessageContaining(problem)
            .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((InvalidFlag) e).problems())
                .anySatisfy(p -> org.assertj.core.api.Assertions.assertThat(p).contains(problem)));
    }

    private static Flag rules(Rule... rules) {
        return Flag.booleanFlag("composer", true, List.of(rules));
    }
}
