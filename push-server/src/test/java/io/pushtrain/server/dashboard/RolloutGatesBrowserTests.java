package io.pushtrain.server.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pushtrain.distribution.HostHealth;
import io.pushtrain.distribution.HostReport;
import io.pushtrain.distribution.HostState;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.NewHost;
import io.pushtrain.distribution.RolloutState;
import io.pushtrain.distribution.RolloutView;
import io.pushtrain.distribution.Rollouts;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.People;
import io.pushtrain.train.PickRequest;
import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PushState;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.Role;
import io.pushtrain.train.Trains;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gates between tiers on the push page, in the system Chromium: a push's build runs on both canary
 * hosts and bakes before prod gets it (the page says how long is left), then one canary host's health
 * check fails and the rollout pauses by itself, the page saying why. Saves docs/images/push-report-bake.png
 * and push-report-paused.png. The hosts report through the API (RolloutGatesIntegrationTests runs real agents).
 */
@Tag("slow")
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.data-dir=target/gates-browser-data", "pushtrain.push.tick=200ms",
        "pushtrain.schedule.enabled=false", "pushtrain.distribution.tick=200ms",
        "pushtrain.distribution.tiers=gb-canary,gb-prod", "pushtrain.distribution.bake.gb-canary=10m",
        "pushtrain.build.command=tar czf ../app.tar.gz . && echo ../app.tar.gz" })
class RolloutGatesBrowserTests {

    private static final String HOST_PREFIX = "gb-";

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId fix;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("gates-browser");
        base = remote.commit("ann", "Start the app", Map.of("web/login.html", "<form>\n</form>\n"));
        fix = remote.commit("nadia", "Fix the login form for Safari", Map.of("web/login.html", "<form method=post>\n</form>\n"));
        remote.serveTo(registry);
    }

    @AfterAll
    static void closeRemote() {
        remote.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Trains trains;

    @Autowired
    Picks picks;

    @Autowired
    Pushes pushes;

    @Autowired
    Hosts hosts;

    @Autowired
    Rollouts rollouts;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void peopleATrainAndFourHosts() {
        person("rita", Role.RELEASE_ENGINEER);
        person("nadia", Role.DEVELOPER);
        trains.cut(base.name(), "rita", true);
        for (String name : List.of("c1", "c2")) {
            hosts.register(new NewHost(HOST_PREFIX + name, "rack-" + name.charAt(1), "gb-canary", null));
        }
        for (String name : List.of("p1", "p2")) {
            hosts.register(new NewHost(HOST_PREFIX + name, "rack-" + name.charAt(1), "gb-prod", null));
        }
    }

    @AfterAll
    void noRolloutOrPushLeftRunning() throws InterruptedException {
        rollouts.list().stream().filter(r -> r.state().active()).forEach(r -> rollouts.rollBack(r.id()));
        jdbc.update("DELETE FROM distribution_host WHERE name LIKE ?", HOST_PREFIX + "%");
    }

    @Test
    void thePushPageShowsTheCanaryBakeAndWhyTheRolloutPausedByItself() throws Exception {
        PickView pick = picks.request(new PickRequest(fix.name(), "Safari users cannot log in", null, "nadia")).pick();
        picks.approve(pick.id(), "rita", null);
        long push = pushes.startEmergency(List.of(pick.id()), "Safari users cannot log in", "rita").id();
        String artifact = "push-" + push;
        RolloutView rollout = awaitRollout(artifact, r -> r.currentTier() != null);

        runs("c1", artifact, new HostHealth(HostHealth.Status.HEALTHY, 0, "healthy on :8080"));
        runs("c2", artifact, new HostHealth(HostHealth.Status.HEALTHY, 0, "healthy on :8080"));
        awaitRollout(artifact, r -> r.tiers().get(0).baking());

        try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
            browser.logIn("rita", "rita-pw");
            browser.go("/pushes/" + push);
            assertThat(browser.text("#rollout-bake")).startsWith("gb-canary runs the build on every host and bakes ")
                    .contains(" s more before gb-prod gets it (until ");
            assertThat(browser.text("#report-rollout tr[data-tier=gb-canary] .gate")).matches("baking, \\d+ s left");
            assertThat(browser.text("#report-rollout tr[data-tier=gb-prod]")).contains("not yet");
            assertThat(browser.driver().findElements(org.openqa.selenium.By.id("rollout-reason"))).isEmpty();
            browser.screenshot("push-report-bake.png");

            hosts.report(HOST_PREFIX + "c2", new HostReport(artifact, HostState.FAILED, 100,
                    "post-switch command exited 3: health check failed on :8080",
                    new HostHealth(HostHealth.Status.UNHEALTHY, 3, "health check failed on :8080")));
            awaitRollout(artifact, r -> r.state() == RolloutState.PAUSED);
            browser.go("/pushes/" + push);

            assertThat(browser.text("#rollout-reason")).isEqualTo("paused by the health gate: 1 of 2 hosts of gb-canary"
                    + " report unhealthy after switching to " + artifact + ", more than the 0% allowed"
                    + " (pushtrain.distribution.unhealthy.share): gb-c2 (exit 3: health check failed on :8080)");
            assertThat(browser.text("#report-rollout")).contains("PAUSED");
            assertThat(browser.text("#report-rollout tr[data-tier=gb-canary] .gate")).contains("unhealthy: gb-c2")
                    .containsPattern("paused; its bake ends \\d\\d:\\d\\d:\\d\\d UTC").doesNotContain("baked");
            assertThat(browser.driver().findElements(org.openqa.selenium.By.id("rollout-bake"))).as("no bake while paused")
                    .isEmpty();
            browser.screenshot("push-report-paused.png");
            browser.saveScreenshots();
        }
        rollouts.rollBack(rollout.id());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (pushes.get(push).state() == PushState.RUNNING && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(pushes.get(push).state()).as("a rolled-back rollout fails the push").isEqualTo(PushState.FAILED);
    }

    private void runs(String host, String artifact, HostHealth health) {
        hosts.report(HOST_PREFIX + host, new HostReport(artifact, HostState.RUNNING, 100, "running " + artifact, health));
    }

    private RolloutView awaitRollout(String artifact, java.util.function.Predicate<RolloutView> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        Optional<RolloutView> rollout = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            rollout = rollouts.list().stream().filter(r -> r.artifactId().equals(artifact)).findFirst();
            if (rollout.isPresent() && condition.test(rollout.get())) {
                return rollout.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("rollout of " + artifact + " never got there: " + rollout);
    }

    /** The browser tests share one database: other classes may have made rita already, with this password. */
    private void person(String name, Role role) {
        BrowserPeople.ensure(people, encoder, name, role);
    }
}
