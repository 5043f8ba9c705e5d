package io.pushtrain.server.demo;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.pushtrain.gatekeeper.client.CompiledFlag;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagUser;
import io.pushtrain.gatekeeper.client.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's flags have a rule of every kind, and its made-up users give every rule someone to reach. */
class DemoFlagsTests {

    @Test
    void theDemoFlagsHaveARuleOfEveryKindAndOperatorsOfSeveralSorts() {
        Set<String> kinds = new HashSet<>();
        Set<String> operators = new HashSet<>();
        for (Flag flag : DemoFlags.demoFlags()) {
            CompiledFlag.of(flag.withName(flag.name()));
            for (Rule rule : flag.rules()) {
                if (rule.users() != null) {
                    kinds.add("users");
                }
                if (rule.groups() != null) {
                    kinds.add("groups");
                }
                if (rule.attribute() != null) {
                    kinds.add("attribute");
                    operators.add(rule.op());
                }
                if (rule.percentage() != null) {
                    kinds.add("percentage");
                }
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("users", "groups", "attribute", "percentage");
        assertThat(operators).contains("in", "not_in", "semver_lt", "gt");
    }

    @Test
    void everyRuleOfEveryDemoFlagReachesSomeOfTheMadeUpUsersAndTheyAreTheSameEachStart() {
        List<FlagUser> users = DemoFlags.users();
        assertThat(users).hasSize(DemoFlags.USERS).isEqualTo(DemoFlags.users());
        assertThat(users.stream().map(FlagUser::id).distinct()).hasSize(DemoFlags.USERS);
        for (Flag flag : DemoFlags.demoFlags()) {
            CompiledFlag compiled = CompiledFlag.of(flag);
            int[] reached = new int[flag.rules().size() + 1];
            users.forEach(user -> reached[compiled.ruleFor(user)]++);
            for (int rule = 0; rule <= flag.rules().size(); rule++) {
                assertThat(reached[rule]).as("%s rule %d reaches someone", flag.name(), rule).isPositive();
            }
        }
    }
}
