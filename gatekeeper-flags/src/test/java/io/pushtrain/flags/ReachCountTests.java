package io.pushtrain.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.pushtrain.gatekeeper.client.Bucketing;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagUser;
import io.pushtrain.gatekeeper.client.InvalidFlag;
import io.pushtrain.gatekeeper.client.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The reach of each rule: the first rule that matches a user counts it, so later rules never count it twice. */
class ReachCountTests {

    static final ReachSample SAMPLE = new ReachSample("given", 0, "test users");

    static Flag composer(boolean enabled) {
        return new Flag("composer", null, "photos", enabled, Map.of("on", true, "off", false), "off", List.of(
                Rule.users("on", "techcrunch"),
                Rule.groups("on", "employees"),
                Rule.attribute("country", "in", List.of("NZ", "AU"), "on"),
                Rule.percentage(20, "on")), 4L);
    }

    @Test
    void eachUserIsCountedByTheFirstRuleThatMatchesAndTheRestGetTheDefault() {
        List<FlagUser> users = new ArrayList<>();
        users.add(FlagUser.of("techcrunch").inGroups("employees").with("country", "NZ"));
        for (int i = 0; i < 10; i++) {
            users.add(FlagUser.of("staff-" + i).inGroups("employees").with("country", i < 5 ? "NZ" : "FR"));
        }
        for (int i = 0; i < 30; i++) {
            users.add(FlagUser.of("kiwi-" + i).with("country", i % 2 == 0 ? "NZ" : "AU"));
        }
        List<FlagUser> others = new ArrayList<>();
        Random random = new Random(19);
        for (int i = 0; i < 959; i++) {
            others.add(FlagUser.of("user-" + random.nextInt(1_000_000)).with("country", "FR"));
        }
        users.addAll(others);
        long inRollout = others.stream().filter(u -> Bucketing.bucket("composer", u.id()) < 2_000).count();

        FlagReach reach = ReachCount.of(composer(true), users, SAMPLE);

        assertThat(reach.rules()).extracting(RuleReach::rule, RuleReach::kind, RuleReach::reached)
            .containsExactly(tuple(1, "users", 1), tuple(2, "groups", 10), tuple(3, "attribute", 30),
                    tuple(4, "percentage", (int) inRollout));
        assertThat(inRollout).as("the rollout takes about a fifth of the rest").isBetween(150L, 240L);
        assertThat(reach.fallback().reached()).isEqualTo(959 - (int) inRollout);
        assertThat(reach.fallback().serve()).isEqualTo("off");
        assertThat(reach.rules().get(2).share()).isEqualTo(0.03);
        assertThat(reach.rules().get(2).percent()).isEqualTo("3%");
        assertThat(reach.rules().stream().mapToInt(RuleReach::reached).sum() + reach.fallback().reached())
            .isEqualTo(users.size());
    }

    @Test
    void usersAndGroupsRulesNameWhoTheyServeAndEveryRuleSaysItsCondition() {
        FlagReach reach = ReachCount.of(composer(true), List.of(), SAMPLE);

        assertThat(reach.rules().get(0).users()).containsExactly("techcrunch");
        assertThat(reach.rules().get(0).groups()).isEmpty();
        assertThat(reach.rules().get(1).groups()).containsExactly("employees");
        assertThat(reach.rules()).extracting(RuleReach::condition).containsExactly("user techcrunch",
                "group employees", "country in [NZ, AU]", "20% rollout");
        assertThat(reach.flag()).isEqualTo("composer");
        assertThat(reach.version()).isEqualTo(4L);
    }

    @Test
    void anEmptySampleHasNoShareRatherThanZeroPercent() {
        FlagReach reach = ReachCount.of(composer(true), List.of(), SAMPLE);

        assertThat(reach.rules()).allSatisfy(rule -> {
            assertThat(rule.reached()).isZero();
            assertThat(rule.share()).isNull();
            assertThat(rule.percent()).isEqualTo("-");
        });
        assertThat(reach.fallback().share()).isNull();
    }

    @Test
    void whileTheFlagIsOffTheCountsSayWhomTheRulesWouldServe() {
        FlagReach reach = ReachCount.of(composer(false), List.of(FlagUser.of("techcrunch")), SAMPLE);

        assertThat(reach.enabled()).isFalse();
        assertThat(reach.rules().get(0).reached()).isEqualTo(1);
        assertThat(reach.rules().get(0).percent()).isEqualTo("100%");
    }

    @Test
    void aRuleWithSeveralConditionsCountsOnlyUsersWhoMeetThemAll() {
        Flag flag = new Flag("beta", null, null, true, Map.of("on", true, "off", false), "off", List.of(
                new Rule(null, List.of("beta"), "appVersion", "semver_gte", List.of("2.14.0"), null, "on")), null);
        List<FlagUser> users = List.of(FlagUser.of("a").inGroups("beta").with("appVersion", "2.14.1"),
                FlagUser.of("b").inGroups("beta").with("appVersion", "2.13.0"),
                FlagUser.of("c").with("appVersion", "3.0.0"));

        FlagReach reach = ReachCount.of(flag, users, SAMPLE);

        assertThat(reach.rules().get(0).kind()).isEqualTo("groups + attribute");
        assertThat(reach.rules().get(0).condition()).isEqualTo("group beta and appVersion semver_gte 2.14.0");
        assertThat(reach.rules().get(0).reached()).isEqualTo(1);
        assertThat(reach.rules().get(0).percent()).isEqualTo("33.3%");
        assertThat(reach.fallback().reached()).isEqualTo(2);
    }

    @Test
    void aFlagThatCouldNotBeServedHasNoReach() {
        Flag broken = Flag.booleanFlag("broken", true, List.of(Rule.percentage(120, "on")));

        assertThatThrownBy(() -> ReachCount.of(broken, List.of(), SAMPLE)).isInstanceOf(InvalidFlag.class)
            .hasMessageContaining("percentage 120 is outside 0-100");
    }

    @Test
    void theRecentSampleKeepsEachUserOnceWithTheirLatestAttributesAndForgetsTheOldest() {
        RecentUsers recent = new RecentUsers(3);
        recent.saw(FlagUser.of("a").with("country", "FR"));
        recent.saw(FlagUser.of("b"));
        recent.saw(FlagUser.anonymous());
        recent.saw(FlagUser.of("a").with("country", "NZ"));
        recent.saw(FlagUser.of("c"));
        recent.saw(FlagUser.of("d"));

        assertThat(recent.all()).extracting(FlagUser::id).containsExactly("a", "c", "d");
        assertThat(recent.all().get(0).attributes()).containsEntry("country", "NZ");
        assertThat(recent.describe(3).description()).contains("The 3 distinct users this server evaluated most recently",
                "at most 3", "not in it");
        assertThat(recent.describe(0).description()).startsWith("No users yet");
    }
}
