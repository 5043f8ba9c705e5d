package io.pushtrain.gatekeeper.client;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every rule kind and operator, as a table: a rule, a user, and whether the rule serves "on". */
class RuleEvaluationTests {

    static Stream<Arguments> rules() {
        FlagUser alice = FlagUser.of("alice");
        return Stream.of(
                arguments(Rule.users("on", "techcrunch"), FlagUser.of("techcrunch"), true),
                arguments(Rule.users("on", "techcrunch"), alice, false),
                arguments(Rule.users("on", "techcrunch"), FlagUser.anonymous(), false),
                arguments(Rule.groups("on", "employees"), alice.inGroups("beta", "employees"), true),
                arguments(Rule.groups("on", "employees"), alice.with("groups", "employees"), true),
                arguments(Rule.groups("on", "employees"), alice.inGroups("beta"), false),
                arguments(Rule.groups("on", "employees"), alice, false),
                arguments(condition("country", "in", "NZ", "AU"), alice.with("country", "NZ"), true),
                arguments(condition("country", "in", "NZ", "AU"), alice.with("country", "FR"), false),
                arguments(condition("country", "in", "NZ", "AU"), alice, false),
                arguments(condition("country", "not_in", "NZ", "AU"), alice.with("country", "FR"), true),
                arguments(condition("country", "not_in", "NZ", "AU"), alice.with("country", "NZ"), false),
                arguments(condition("country", "not_in", "NZ", "AU"), alice, false),
                arguments(condition("plan", "eq", "pro"), alice.with("plan", "pro"), true),
                arguments(condition("plan", "eq", "pro"), alice.with("plan", "free"), false),
                arguments(condition("seats", "eq", 10), alice.with("seats", 10), true),
                arguments(condition("appVersion", "semver_gte", "2.14.0"), alice.with("appVersion", "2.14.0"), true),
                arguments(condition("appVersion", "semver_gte", "2.14.0"), alice.with("appVersion", "2.9.9"), false),
                arguments(condition("appVersion", "semver_gte", "2.14.0"), alice.with("appVersion", "10.0.0"), true),
                arguments(condition("appVersion", "semver_gte", "2.14.0"), alice.with("appVersion", "2.14.0-beta.2"), false),
                arguments(condition("appVersion", "semver_gte", "2.14.0"), alice.with("appVersion", "not a version"), false),
                arguments(condition("appVersion", "semver_lt", "3.0.0"), alice.with("appVersion", "2.99.1"), true),
                arguments(condition("appVersion", "semver_lt", "3.0.0"), alice.with("appVersion", "3.0.0"), false),
                arguments(condition("appVersion", "semver_lt", "3.0.0"), alice.with("appVersion", "3.0.0-rc.1"), true),
                arguments(condition("age", "gt", 17), alice.with("age", 18), true),
                arguments(condition("age", "gt", 17), alice.with("age", "17"), false),
                arguments(condition("age", "gt", 17), alice.with("age", "eighteen"), false),
                arguments(condition("cartTotal", "lt", 100.5), alice.with("cartTotal", 99.99), true),
                arguments(condition("cartTotal", "lt", 100.5), alice.with("cartTotal", 100.5), false),
                arguments(Rule.percentage(100, "on"), alice, true),
                arguments(Rule.percentage(0, "on"), alice, false),
                arguments(Rule.percentage(100, "on"), FlagUser.anonymous(), false),
                arguments(new Rule(null, List.of("employees"), "country", "in", List.of("NZ"), null, "on"),
                        alice.inGroups("employees").with("country", "NZ"), true),
                arguments(new Rule(null, List.of("employees"), "country", "in", List.of("NZ"), null, "on"),
                        alice.inGroups("employees").with("country", "AU"), false));
    }

    @ParameterizedTest(name = "[{index}] {0} for {1} -> {2}")
    @MethodSource("rules")
    void aRuleServesItsVariantOnlyToTheUsersItNames(Rule rule, FlagUser user, boolean served) {
        Evaluation evaluation = CompiledFlag.of(Flag.booleanFlag("composer", true, List.of(rule))).evaluate(user);

        assertThat(evaluation.enabled()).isEqualTo(served);
        assertThat(evaluation.reason()).isEqualTo(served ? evaluation.reason() : "default");
        assertThat(evaluation.reason()).startsWith(served ? "rule 1: " : "default");
    }

    @Test
    void theFirstMatchingRuleWinsAndItsReasonNamesIt() {
        Flag flag = new Flag("composer", "new photo composer", "photos", true,
                Map.of("on", true, "off", false, "blue", "blue"), "off",
                List.of(Rule.users("on", "techcrunch"), Rule.groups("blue", "employees"),
                        condition("country", "in", "NZ", "AU"), Rule.percentage(20, "on")), null);
        CompiledFlag compiled = CompiledFlag.of(flag);

        assertThat(compiled.evaluate(FlagUser.of("techcrunch").inGroups("employees")))
            .isEqualTo(new Evaluation("on", true, true, "rule 1: user techcrunch"));
        assertThat(compiled.evaluate(FlagUser.of("bob").inGroups("employees")))
            .isEqualTo(new Evaluation("blue", "blue", false, "rule 2: group employees"));
        assertThat(compiled.evaluate(FlagUser.of("bob").with("country", "AU")).reason())
            .isEqualTo("rule 3: country in [NZ, AU]");
        assertThat(compiled.evaluate(FlagUser.of("user-7")).reason()).isIn("rule 4: 20% rollout", "default");
    }

    @Test
    void theKillSwitchServesTheDefaultToEveryone() {
        CompiledFlag off = CompiledFlag.of(Flag.booleanFlag("composer", false, List.of(Rule.users("on", "techcrunch"))));

        assertThat(off.evaluate(FlagUser.of("techcrunch"))).isEqualTo(new Evaluation("off", false, false, "disabled"));
    }

    @Test
    void ruleForNamesTheFirstMatchingRuleEvenWhileTheFlagIsOff() {
        CompiledFlag off = CompiledFlag.of(Flag.booleanFlag("composer", false,
                List.of(Rule.users("on", "techcrunch"), Rule.groups("on", "employees"))));

        assertThat(off.ruleFor(FlagUser.of("techcrunch").inGroups("employees"))).isEqualTo(1);
        assertThat(off.ruleFor(FlagUser.of("bob").inGroups("employees"))).isEqualTo(2);
        assertThat(off.ruleFor(FlagUser.of("bob"))).isZero();
        assertThat(off.ruleFor(null)).isZero();
    }

    @Test
    void noUserAtAllIsAnAnonymousUser() {
        CompiledFlag flag = CompiledFlag.of(Flag.booleanFlag("composer", true, List.of(Rule.percentage(100, "on"))));

        assertThat(flag.evaluate(null)).isEqualTo(new Evaluation("off", false, false, "default"));
    }

    @Test
    void anUnknownOrInvalidFlagInASnapshotAnswersWithoutThrowing() {
        Flag fromNewerServer = Flag.booleanFlag("future", true, List.of(condition("country", "regex", ".*")));
        FlagSnapshot snapshot = FlagSnapshot.of(List.of(fromNewerServer));

        assertThat(snapshot.evaluate("future", FlagUser.of("a")))
            .isEqualTo(new Evaluation("off", false, false, "default: the flag is invalid here"));
        assertThat(snapshot.evaluate("nope", FlagUser.of("a"))).isEqualTo(new Evaluation(null, null, false, "unknown flag"));
        assertThat(snapshot.evaluate(null, null).enabled()).isFalse();
    }

    static Rule condition(String attribute, String op, Object... values) {
        return Rule.attribute(attribute, op, List.of(values), "on");
    }
}
