package io.pushtrain.dashboard.flags;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.pushtrain.flags.Flags;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagJson;
import io.pushtrain.gatekeeper.client.FlagUser;
import io.pushtrain.gatekeeper.client.Rule;
import io.pushtrain.testsupport.TestTrunk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Gatekeeper's console pages against real flags in PostgreSQL: list, create, edit, toggle, "who sees this",
 * history and revert, and every change refused to a developer.
 */
@DirtiesContext
@AutoConfigureMockMvc
@SpringBootTest(properties = "pushtrain.schedule.enabled=false")
class FlagsConsoleIntegrationTests {

    static final RequestPostProcessor PRODUCT = user("priya").roles("PRODUCT");
    static final RequestPostProcessor RE = user("rita").roles("RELEASE_ENGINEER");
    static final RequestPostProcessor DEV = user("dana").roles("DEVELOPER");

    static TestTrunk remote;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("dashboard-flags");
        remote.commit("ann", "Start the app", Map.of("a.txt", "a1\n"));
        remote.serveTo(registry);
    }

    @AfterAll
    static void closeRemote() {
        remote.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Flags flags;

    @Test
    void theListShowsEachFlagsTeamStateVariantsRulesAndLastChange() throws Exception {
        composer("list-composer", "employees and NZ");

        String page = mvc.perform(get("/flags").with(DEV)).andExpect(status().isOk())
            .andReturn().getResponse().getContentAsString();

        assertThat(page).contains(">Flags</a>", "list-composer", "photos", "on, off", ">3</td>", "v1 by priya",
                "employees and NZ");
        assertThat(page).doesNotContain("Create a flag");
    }

    @Test
    void aProductPersonCreatesAFlagWithTheForm() throws Exception {
        mvc.perform(post("/flags").with(PRODUCT).with(csrf()).param("name", "new-checkout")
                .param("body", "{\"team\": \"payments\", \"enabled\": false, \"variants\": {\"on\": true, \"off\": false},"
                        + " \"defaultVariant\": \"off\", \"rules\": [{\"groups\": [\"beta\"], \"serve\": \"on\"}]}")
                .param("reason", "ship it dark"))
            .andExpect(redirectedUrl("/flags/new-checkout"));

        Flag created = flags.get("new-checkout");
        assertThat(created.team()).isEqualTo("payments");
        assertThat(created.rules()).containsExactly(Rule.groups("on", "beta"));
        assertThat(flags.history("new-checkout").get(0).reason()).isEqualTo("ship it dark");
        mvc.perform(get("/flags").with(PRODUCT)).andExpect(content().string(containsString("new-checkout")));
    }

    @Test
    void aDevelopersChangesAreRefusedAndNothingChanges() throws Exception {
        composer("dev-composer", "first");
        flags.put("dev-composer", flags.get("dev-composer").withEnabled(false), 1L, "priya", "second");

        mvc.perform(post("/flags").with(DEV).with(csrf()).param("name", "dev-flag").param("body", FlagText.NEW_FLAG))
            .andExpect(status().isForbidden()).andExpect(content().string(containsString("your roles do not allow it")));
        mvc.perform(post("/flags/dev-composer").with(DEV).with(csrf()).param("version", "2").param("body", "{}"))
            .andExpect(status().isForbidden());
        mvc.perform(post("/flags/dev-composer/toggle").with(DEV).with(csrf()).param("enabled", "true")
                .param("version", "2")).andExpect(status().isForbidden());
        mvc.perform(post("/flags/dev-composer/revert").with(DEV).with(csrf()).param("version", "1"))
            .andExpect(status().isForbidden());

        assertThat(flags.list()).extracting(Flag::name).doesNotContain("dev-flag");
        assertThat(flags.get("dev-composer").version()).isEqualTo(2);
        assertThat(flags.get("dev-composer").enabled()).isFalse();
        mvc.perform(get("/flags/dev-composer").with(DEV))
            .andExpect(status().isOk())
            .andExpect(content().string(not(containsString("Turn on"))))
            .andExpect(content().string(not(containsString(">Revert<"))));
    }

    @Test
    void anInvalidBodyIsShownWithTheServersProblemsAndNothingChanges() throws Exception {
        composer("bad-composer", "first");
        String invalid = "{\"variants\": {\"on\": true, \"off\": false}, \"defaultVariant\": \"off\","
                + " \"rules\": [{\"percentage\": 120, \"serve\": \"on\"}]}";

        mvc.perform(post("/flags/bad-composer").with(PRODUCT).with(csrf()).param("version", "1").param("body", invalid))
            .andExpect(status().isBadRequest())
            .andExpect(content().string(containsString("rule 1: percentage 120 is outside 0-100")))
            .andExpect(content().string(containsString("&quot;percentage&quot;: 120")));
        mvc.perform(post("/flags/bad-composer").with(PRODUCT).with(csrf()).param("version", "1").param("body", "{oops"))
            .andExpect(status().isBadRequest())
            .andExpect(content().string(containsString("the body is not a JSON flag")));
        mvc.perform(post("/flags/bad-composer").with(PRODUCT).with(csrf()).param("version", "1").param("body", "[]"))
            .andExpect(status().isBadRequest())
            .andExpect(content().string(containsString("the body is not a JSON object")));

        assertThat(flags.get("bad-composer").version()).isEqualTo(1);
    }

    @Test
    void aStaleEditIsRefusedWithWhatChangedMeanwhile() throws Exception {
        composer("stale-composer", "first");
        flags.put("stale-composer", flags.get("stale-composer").withEnabled(false), 1L, "sam", "crash reports");

        mvc.perform(post("/flags/stale-composer").with(RE).with(csrf()).param("version", "1")
                .param("body", FlagText.body(flags.get("stale-composer").withEnabled(true))))
            .andExpect(status().isConflict())
            .andExpect(content().string(containsString("sam made version 2")));

        assertThat(flags.get("stale-composer").enabled()).isFalse();
    }

    @Test
    void theToggleTurnsAFlagOffAndBackOn() throws Exception {
        composer("toggle-composer", "first");

        mvc.perform(post("/flags/toggle-composer/toggle").with(PRODUCT).with(csrf()).param("enabled", "false")
                .param("version", "1")).andExpect(redirectedUrl("/flags/toggle-composer"));
        assertThat(flags.get("toggle-composer").enabled()).isFalse();
        assertThat(flags.history("toggle-composer").get(0).reason()).isEqualTo("turned off in the console");

        mvc.perform(post("/flags/toggle-composer/toggle").with(RE).with(csrf()).param("enabled", "true")
                .param("version", "2").param("reason", "fixed")).andExpect(redirectedUrl("/flags/toggle-composer"));
        assertThat(flags.get("toggle-composer").enabled()).isTrue();
        assertThat(flags.get("toggle-composer").version()).isEqualTo(3);
    }

    @Test
    void whoSeesThisShowsTheVariantValueAndReason() throws Exception {
        composer("who-composer", "first");

        mvc.perform(get("/flags/who-composer").with(DEV).param("user", "bob")
                .param("attributes", "{\"groups\": [\"employees\"]}"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("rule 2: group employees")));
        mvc.perform(get("/flags/who-composer").with(DEV).param("user", "kiri").param("attributes", "{\"country\": \"FR\"}"))
            .andExpect(content().string(containsString(">default<")));
        mvc.perform(get("/flags/who-composer").with(DEV).param("user", "kiri").param("attributes", "NZ"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("The attributes are not a JSON object")));
    }

    @Test
    void revertServesTheEarlierVersionAgainAfterConfirmation() throws Exception {
        Flag first = composer("revert-composer", "employees and NZ");
        List<Rule> wider = List.of(Rule.groups("on", "employees"), Rule.percentage(50, "on"));
        flags.put("revert-composer", withRules(first, wider), 1L, "priya", "50%");

        mvc.perform(get("/flags/revert-composer").with(PRODUCT))
            .andExpect(content().string(containsString("Serve version 1 of revert-composer again")));
        mvc.perform(post("/flags/revert-composer/revert").with(PRODUCT).with(csrf()).param("version", "1")
                .param("reason", "back while we look")).andExpect(redirectedUrl("/flags/revert-composer"));

        Flag reverted = flags.get("revert-composer");
        assertThat(reverted.version()).isEqualTo(3);
        assertThat(reverted.rules()).isEqualTo(first.rules());
        assertThat(flags.history("revert-composer").get(0).reason()).isEqualTo("back while we look");
    }

    @Test
    void anUnknownFlagIsANotFoundPage() throws Exception {
        mvc.perform(get("/flags/no-such-flag").with(DEV))
            .andExpect(status().isNotFound())
            .andExpect(content().string(containsString("There is no flag &#39;no-such-flag&#39;.")));
    }

    @Test
    void theRuleFormShowsEachRuleWithItsFieldsAndTheUsersAndGroupsItNames() throws Exception {
        composer("form-composer", "first");
        flags.evaluate("form-composer", FlagUser.of("techcrunch"));

        String page = mvc.perform(get("/flags/form-composer").with(PRODUCT)).andExpect(status().isOk())
            .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("name=\"rule.0.users\" value=\"techcrunch\"", "name=\"rule.1.groups\" value=\"employees\"",
                "name=\"rule.2.attribute\" value=\"country\"", "name=\"rule.2.values\" value=\"NZ, AU\"",
                "<option value=\"in\" selected=\"selected\">in</option>", "Names user techcrunch.", "Names group employees.",
                "users this server evaluated most recently", "Serves 1 of the", "Advanced: the flag as JSON");
    }

    @Test
    void savingTheFormStoresTheRulesCheckedAsTheApiChecksThem() throws Exception {
        composer("save-composer", "first");

        mvc.perform(post("/flags/save-composer/rules").with(PRODUCT).with(csrf()).params(form(
                "version", "1", "action", "save", "reason", "kiwis and a tenth of everyone",
                "description", "new photo composer", "team", "photos", "enabled", "true",
                "variant.0.name", "on", "variant.0.value", "true", "variant.1.name", "off", "variant.1.value", "false",
                "variant.2.name", "blue", "variant.2.value", "blue", "defaultVariant", "off",
                "rule.0.kinds", "users", "rule.0.users", "techcrunch, alice", "rule.0.serve", "on",
                "rule.1.kinds", "attribute", "rule.1.attribute", "appVersion", "rule.1.op", "semver_gte",
                "rule.1.values", "2.14.0", "rule.1.serve", "blue",
                "rule.2.kinds", "attribute", "rule.2.attribute", "age", "rule.2.op", "gt", "rule.2.values", "17",
                "rule.2.serve", "on",
                "rule.3.kinds", "percentage", "rule.3.percentage", "12.5", "rule.3.serve", "on")))
            .andExpect(redirectedUrl("/flags/save-composer"));

        Flag saved = flags.get("save-composer");
        assertThat(saved.version()).isEqualTo(2);
        assertThat(saved.variants()).containsEntry("blue", "blue").containsEntry("on", true);
        assertThat(saved.rules()).containsExactly(Rule.users("on", "techcrunch", "alice"),
                Rule.attribute("appVersion", "semver_gte", List.of("2.14.0"), "blue"),
                Rule.attribute("age", "gt", List.of(17), "on"), Rule.percentage(12.5, "on"));
        assertThat(flags.history("save-composer").get(0).reason()).isEqualTo("kiwis and a tenth of everyone");
        assertThat(flags.evaluate("save-composer", FlagUser.of("zed").with("appVersion", "2.15.0")).variant())
            .isEqualTo("blue");
    }

    @Test
    void addRemoveAndMoveChangeOnlyTheFormUntilSave() throws Exception {
        composer("move-composer", "first");
        String[] current = { "version", "1", "enabled", "true", "variant.0.name", "on", "variant.0.value", "true",
            "variant.1.name", "off", "variant.1.value", "false", "defaultVariant", "off",
            "rule.0.kinds", "users", "rule.0.users", "techcrunch", "rule.0.serve", "on",
            "rule.1.kinds", "groups", "rule.1.groups", "employees", "rule.1.serve", "on" };

        String added = mvc.perform(post("/flags/move-composer/rules").with(PRODUCT).with(csrf())
                .params(form(current)).param("action", "add-percentage"))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(added).contains("Not saved yet", "name=\"rule.2.percentage\" value=\"10\"", "id=\"rule-3\"");
        String moved = mvc.perform(post("/flags/move-composer/rules").with(PRODUCT).with(csrf())
                .params(form(current)).param("action", "up-1"))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(moved.indexOf("name=\"rule.0.groups\" value=\"employees\""))
            .as("groups is tried first now").isPositive().isLessThan(moved.indexOf("name=\"rule.1.users\""));
        String removed = mvc.perform(post("/flags/move-composer/rules").with(PRODUCT).with(csrf())
                .params(form(current)).param("action", "remove-0"))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(removed).contains("name=\"rule.0.groups\"").doesNotContain("value=\"techcrunch\"");

        assertThat(flags.get("move-composer").version()).as("nothing saved").isEqualTo(1);
        assertThat(flags.get("move-composer").rules()).hasSize(3);
    }

    @Test
    void theFormRefusesWhatCouldNotBeServedWithAMessageNextToEachRule() throws Exception {
        composer("refused-composer", "first");

        String page = mvc.perform(post("/flags/refused-composer/rules").with(PRODUCT).with(csrf()).params(form(
                "version", "1", "action", "save", "enabled", "true",
                "variant.0.name", "on", "variant.0.value", "true", "variant.1.name", "off", "variant.1.value", "false",
                "defaultVariant", "gone",
                "rule.0.kinds", "users", "rule.0.users", " , ", "rule.0.serve", "on",
                "rule.1.kinds", "percentage", "rule.1.percentage", "120", "rule.1.serve", "on",
                "rule.2.kinds", "attribute", "rule.2.attribute", "country", "rule.2.op", "within",
                "rule.2.values", "NZ", "rule.2.serve", "on",
                "rule.3.kinds", "attribute", "rule.3.attribute", "appVersion", "rule.3.op", "semver_lt",
                "rule.3.values", "two", "rule.3.serve", "maybe",
                "rule.4.kinds", "percentage", "rule.4.percentage", "half", "rule.4.serve", "on")))
            .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("rule 1: the users list is empty; name at least one user id",
                "rule 2: percentage 120 is outside 0-100",
                "rule 3: unknown operator &#39;within&#39;; use one of in, not_in, eq, semver_gte, semver_lt, gt, lt",
                "rule 4: &#39;two&#39; is not a version like 2.14.0",
                "rule 4 serves &#39;maybe&#39;, which is not one of the variants [on, off]",
                "rule 5: percentage &#39;half&#39; is not a number",
                "defaultVariant &#39;gone&#39; is not one of the variants [on, off]",
                "value=\"within\" selected>within (unknown)");
        assertThat(page.indexOf("rule 2: percentage 120")).as("problems in rule order")
            .isLessThan(page.indexOf("rule 5: percentage"));
        assertThat(flags.get("refused-composer").version()).isEqualTo(1);
    }

    @Test
    void aDeveloperSeesTheRulesButCannotSaveTheForm() throws Exception {
        composer("readonly-composer", "first");

        mvc.perform(get("/flags/readonly-composer").with(DEV))
            .andExpect(content().string(containsString("name=\"rule.0.users\" value=\"techcrunch\" placeholder=\"techcrunch, alice\" spellcheck=\"false\" disabled=\"disabled\"")))
            .andExpect(content().string(not(containsString("id=\"save-rules\""))));
        mvc.perform(post("/flags/readonly-composer/rules").with(DEV).with(csrf()).params(form("version", "1",
                "action", "save", "rule.0.kinds", "percentage", "rule.0.percentage", "100", "rule.0.serve", "on")))
            .andExpect(status().isForbidden());
        assertThat(flags.get("readonly-composer").version()).isEqualTo(1);
    }

    @Test
    void whoSeesThisAnswersAListOfUsersAtOnce() throws Exception {
        composer("audience-composer", "first");

        String page = mvc.perform(get("/flags/audience-composer").with(DEV).param("users", """
                techcrunch
                bob {"groups": ["employees"]}
                kiri {"country": "NZ"}
                sam {"country": "FR"}"""))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("rule 1: user techcrunch", "rule 2: group employees", "rule 3: country in [NZ, AU]",
                "<td class=\"user\">sam</td>", "<td class=\"reason\">default</td>");
        mvc.perform(get("/flags/audience-composer").with(DEV).param("users", "bob\nkiri {NZ}"))
            .andExpect(content().string(containsString("Line 2 (kiri): The attributes are not a JSON object")));
    }

    private static org.springframework.util.MultiValueMap<String, String> form(String... pairs) {
        org.springframework.util.LinkedMultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private Flag composer(String name, String reason) {
        Flag flag = new Flag(name, "new photo composer", "photos", true, Map.of("on", true, "off", false), "off",
                List.of(Rule.users("on", "techcrunch"), Rule.groups("on", "employees"),
                        Rule.attribute("country", "in", List.of("NZ", "AU"), "on")), null);
        return flags.put(name, flag, 0L, "priya", reason);
    }

    private static Flag withRules(Flag flag, List<Rule> rules) {
        return FlagJson.readFlag(FlagJson.write(new Flag(flag.name(), flag.description(), flag.team(), flag.enabled(),
                flag.variants(), flag.defaultVariant(), rules, null)));
    }
}
