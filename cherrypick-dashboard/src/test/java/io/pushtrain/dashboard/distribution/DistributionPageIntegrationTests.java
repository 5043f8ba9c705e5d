package io.pushtrain.dashboard.distribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

import io.pushtrain.distribution.ArtifactView;
import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.HostReport;
import io.pushtrain.distribution.HostState;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.NewHost;
import io.pushtrain.distribution.RolloutState;
import io.pushtrain.distribution.RolloutView;
import io.pushtrain.distribution.Rollouts;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Distribution page from real rows: desired against actual per tier and rack, the rollout, the
 * hosts and artifacts; its buttons are the release engineer's and the server refuses them to others.
 * Tiers of its own, so its hosts never hold up another test's rollout in the shared database.
 */
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(properties = { "pushtrain.tracker.port=0", "pushtrain.distribution.seed-newest=1",
        "pushtrain.distribution.tiers=page-dogfood,page-canary,page-prod", "pushtrain.schedule.enabled=false" })
class DistributionPageIntegrationTests {

    static final RequestPostProcessor RE = user("rita").roles("RELEASE_ENGINEER");
    static final RequestPostProcessor DEV = user("dana").roles("DEVELOPER");

    @Autowired
    MockMvc mvc;

    @Autowired
    Artifacts artifacts;

    @Autowired
    Hosts hosts;

    @Autowired
    Rollouts rollouts;

    ArtifactView build;
    RolloutView rollout;
    String prefix = "pg-" + UUID.randomUUID().toString().substring(0, 6);

    /** Two hosts per tier in two racks; the dogfood hosts run the build, one of them in rack-b only. */
    @BeforeAll
    void aRolloutUnderWay() throws Exception {
        byte[] bytes = new byte[50_000];
        new Random(3).nextBytes(bytes);
        Path file = Files.write(Files.createTempDirectory("distribution-page").resolve("app.bin"), bytes);
        build = artifacts.publish(prefix + "-build", file);
        for (String tier : new String[] { "page-dogfood", "page-canary", "page-prod" }) {
            for (String rack : new String[] { "rack-a", "rack-b" }) {
                hosts.register(new NewHost(prefix + "-" + tier.substring(5) + "-" + rack, rack, tier, null));
            }
        }
        rollout = rollouts.start(build.id());
        hosts.report(prefix + "-dogfood-rack-a", new HostReport(build.id(), HostState.RUNNING, 100, "running"));
        hosts.report(prefix + "-dogfood-rack-b", new HostReport(null, HostState.DOWNLOADING, 40, "downloading"));
    }

    @AfterAll
    void endTheRollout() {
        rollouts.get(rollout.id()).filter(r -> r.state() != RolloutState.ROLLED_BACK)
            .ifPresent(r -> rollouts.rollBack(r.id()));
    }

    @Test
    @Order(1)
    void thePageShowsDesiredAgainstActualPerTierAndRackTheRolloutHostsAndArtifacts() throws Exception {
        String page = body(get("/distribution").with(DEV));
        assertThat(page).contains("<h1>Distribution</h1>", "sse-connect=\"/live\"", "hx-get=\"/distribution/panel\"",
                "sse:fleet", "aria-current=\"page\" class=\"active\">Distribution</a>");
        assertThat(page).contains("data-tier=\"page-dogfood\" data-running=\"1\" data-hosts=\"2\"",
                "data-tier=\"page-canary\" data-running=\"0\" data-hosts=\"2\"");
        assertThat(page).contains("id=\"rollout-" + rollout.id() + "\"", "waiting for page-dogfood");
        assertThat(page).contains("id=\"host-" + prefix + "-dogfood-rack-b\"", "DOWNLOADING", "40%");
        assertThat(page).contains("id=\"artifact-" + build.id() + "\"", build.sha256().substring(0, 12), "48.8 KB");
        // Buttons are the release engineer's.
        assertThat(page).doesNotContain("rollback-rollout", "pause-rollout");
        assertThat(body(get("/distribution").with(RE))).contains("pause-rollout", "rollback-rollout",
                "data-confirm=\"Roll back rollout " + rollout.id());
        assertThat(body(get("/distribution/panel").with(DEV))).contains("id=\"rollout-" + rollout.id() + "\"")
            .doesNotContain("<html");
    }

    @Test
    @Order(2)
    void theServerRefusesTheButtonsToOtherRolesAndTheReleaseEngineerPausesResumesAndRollsBack() throws Exception {
        for (String action : new String[] { "pause", "resume", "rollback" }) {
            mvc.perform(post("/distribution/rollouts/" + rollout.id() + "/" + action).with(DEV).with(csrf()))
                .andExpect(status().isForbidden());
        }
        assertThat(rollouts.get(rollout.id()).orElseThrow().state()).isEqualTo(RolloutState.RUNNING);

        mvc.perform(post("/distribution/rollouts/" + rollout.id() + "/pause").with(RE).with(csrf()))
            .andExpect(redirectedUrl("/distribution"));
        assertThat(rollouts.get(rollout.id()).orElseThrow().state()).isEqualTo(RolloutState.PAUSED);
        assertThat(body(get("/distribution").with(RE))).contains("resume-rollout").doesNotContain("pause-rollout");
        mvc.perform(post("/distribution/rollouts/" + rollout.id() + "/resume").with(RE).with(csrf()))
            .andExpect(redirectedUrl("/distribution"));
        assertThat(rollouts.get(rollout.id()).orElseThrow().state()).isEqualTo(RolloutState.RUNNING);
        mvc.perform(post("/distribution/rollouts/" + rollout.id() + "/rollback").with(RE).with(csrf()))
            .andExpect(redirectedUrl("/distribution"));
        assertThat(rollouts.get(rollout.id()).orElseThrow().state()).isEqualTo(RolloutState.ROLLED_BACK);
        // Once more: the rollout has ended, and the page says so instead of failing.
        String notice = mvc.perform(post("/distribution/rollouts/" + rollout.id() + "/pause").with(RE).with(csrf()))
            .andExpect(redirectedUrl("/distribution")).andReturn().getFlashMap().get("notice").toString();
        assertThat(notice).contains("ROLLED_BACK");
    }

    /** Measured before: a done rollout kept its Roll back button after a later one started, and the server refused it. */
    @Test
    @Order(3)
    void rollBackIsOfferedOnlyWhereTheServerAcceptsIt() throws Exception {
        RolloutView done = rollouts.start(artifacts.publish(prefix + "-done", build(5)).id());
        for (String tier : new String[] { "dogfood", "canary", "prod" }) {
            for (String rack : new String[] { "rack-a", "rack-b" }) {
                hosts.report(prefix + "-" + tier + "-" + rack, new HostReport(done.artifactId(), HostState.RUNNING, 100,
                        "running"));
            }
            rollouts.tick();
        }
        assertThat(rollouts.get(done.id()).orElseThrow().state()).isEqualTo(RolloutState.DONE);
        assertThat(body(get("/distribution").with(RE))).contains("/distribution/rollouts/" + done.id() + "/rollback");

        RolloutView later = rollouts.start(artifacts.publish(prefix + "-later", build(6)).id());
        String page = body(get("/distribution").with(RE));
        assertThat(page).contains("id=\"rollout-" + done.id() + "\"")
            .doesNotContain("/distribution/rollouts/" + done.id() + "/rollback")
            .doesNotContain("/distribution/rollouts/" + rollout.id() + "/rollback")
            .contains("/distribution/rollouts/" + later.id() + "/rollback");
        rollouts.rollBack(later.id());
    }

    private static Path build(int seed) throws java.io.IOException {
        byte[] bytes = new byte[20_000];
        new Random(seed).nextBytes(bytes);
        return Files.write(Files.createTempDirectory("distribution-page").resolve("app.bin"), bytes);
    }

    private String body(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
