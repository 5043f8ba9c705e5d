package io.pushtrain.dashboard.flags;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.pushtrain.flags.Flags;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagJson;
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
