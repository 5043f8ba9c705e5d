package io.pushtrain.server.dashboard;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.pushtrain.distribution.ArtifactView;
import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.HostReport;
import io.pushtrain.distribution.HostState;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.NewHost;
import io.pushtrain.distribution.RolloutState;
import io.pushtrain.distribution.RolloutView;
import io.pushtrain.distribution.Rollouts;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Distribution page in the system Chromium: a rollout half-way through canary, a host's report
 * moving the bars without a reload, the release engineer pausing and rolling back (with a
 * confirmation), and a developer's forged roll back refused by the server. Saves
 * docs/images/distribution.png. The hosts report through the API (the agents themselves are
 * FleetIntegrationTests' subject).
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.data-dir=target/distribution-browser-data", "pushtrain.schedule.enabled=false",
        "pushtrain.distribution.tick=300ms" })
class DistributionBrowserTests {

    private static final String HOST_PREFIX = "app-";

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Artifacts artifacts;

    @Autowired
    Hosts hosts;

    @Autowired
    Rollouts rollouts;

    @Autowired
    JdbcTemplate jdbc;

    ArtifactView yesterday;
    ArtifactView today;
    RolloutView rollout;
    final List<NewHost> fleet = new ArrayList<>();

    /** Twelve hosts in three racks run yesterday's build; today's has reached dogfood and half of canary. */
    @BeforeAll
    void aRolloutHalfWayThroughCanary() throws Exception {
        people.create(new NewPerson("rosa", Set.of(Role.RELEASE_ENGINEER), "rosa", encoder.encode("rosa-pw")));
        people.create(new NewPerson("nils", Set.of(Role.DEVELOPER), "nils", encoder.encode("nils-pw")));
        yesterday = artifacts.publish("build-1124", build(1));
        today = artifacts.publish("build-1125", build(2));
        String[] tiers = { "dogfood", "canary", "canary", "prod" };
        for (int rack = 1; rack <= 3; rack++) {
            for (int i = 0; i < tiers.length; i++) {
                NewHost host = new NewHost(String.format("%sr%d-%02d", HOST_PREFIX, rack, i + 1), "rack-" + rack, tiers[i],
                        "10.0." + rack + "." + (i + 1));
                hosts.register(host);
                fleet.add(host);
            }
        }
        for (String tier : List.of("dogfood", "canary", "prod")) {
            hosts.desire(tier, yesterday.id());
        }
        fleet.forEach(h -> report(h, yesterday, HostState.RUNNING, 100));
        rollout = rollouts.start(today.id());
        fleet.stream().filter(h -> h.tier().equals("dogfood")).forEach(h -> report(h, today, HostState.RUNNING, 100));
        awaitCurrentTier("canary");
        report(host("r1-02"), today, HostState.RUNNING, 100);
        report(host("r1-03"), today, HostState.RUNNING, 100);
        report(host("r2-02"), today, HostState.VERIFYING, 100);
        report(host("r2-03"), null, HostState.DOWNLOADING, 64);
        report(host("r3-02"), null, HostState.DOWNLOADING, 37);
    }

    @AfterAll
    void forgetTheHosts() {
        rollouts.list().stream().filter(r -> r.state().active()).forEach(r -> rollouts.rollBack(r.id()));
        // Other tests share this database and run pushes: these hosts must not hold up their rollouts.
        jdbc.update("DELETE FROM distribution_host WHERE name LIKE ?", HOST_PREFIX + "%");
    }

    @Test
    @Order(1)
    void theReleaseEngineerWatchesTheRolloutLiveThenPausesAndRollsItBack() throws Exception {
        try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
            browser.logIn("rosa", "rosa-pw");
            browser.go("/distribution");
            assertThat(browser.text("header nav a.active")).isEqualTo("Distribution");
            assertThat(browser.find(".fleet-summary [data-tier=canary]").getAttribute("data-running")).isEqualTo("2");
            assertThat(browser.text("#rollout-" + rollout.id())).contains("RUNNING", "waiting for canary");
            assertThat(browser.text("#artifact-" + today.id())).contains(today.sha256().substring(0, 12), "yes");
            browser.script("window.sameDocument = true");

            // A host's report reaches the open page over server-sent events.
            report(host("r2-02"), today, HostState.RUNNING, 100);
            browser.await().until(d -> "3".equals(browser.find(".fleet-summary [data-tier=canary]").getAttribute("data-running")));
            assertThat(browser.text("#host-" + HOST_PREFIX + "r2-02")).contains("RUNNING", today.id());
            assertThat(browser.text("#host-" + HOST_PREFIX + "r3-02")).contains("DOWNLOADING", "37%");
            assertThat(browser.script("return window.sameDocument === true")).as("the page was not reloaded").isEqualTo(true);
            browser.screenshot("distribution.png");

            browser.find("#rollout-" + rollout.id() + " button.pause-rollout").click();
            browser.await().until(d -> browser.text("main .notice").contains("paused"));
            assertThat(rollouts.get(rollout.id()).orElseThrow().state()).isEqualTo(RolloutState.PAUSED);

            browser.clickAndConfirm("#rollout-" + rollout.id() + " button.rollback-rollout");
            browser.await().until(d -> browser.text("main .notice").contains("rolled back"));
            assertThat(rollouts.get(rollout.id()).orElseThrow().state()).isEqualTo(RolloutState.ROLLED_BACK);
            assertThat(hosts.desiredByTier()).containsValues(yesterday.id()).doesNotContainValue(today.id());
            assertThat(browser.text("#rollout-" + rollout.id())).contains("ROLLED_BACK");
            browser.saveScreenshots();
        }
    }

    @Test
    @Order(2)
    void aDevelopersRollBackIsRefusedByTheServerNotJustHidden() throws Exception {
        rollouts.list().stream().filter(r -> r.state().active()).forEach(r -> rollouts.rollBack(r.id()));
        RolloutView second = rollouts.start(today.id());
        try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
            browser.logIn("nils", "nils-pw");
            browser.go("/distribution");
            assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector("button.rollback-rollout"))).isEmpty();
            // The button is hidden; forge the form it would have sent, with a valid CSRF token.
            browser.forgePost("/distribution/rollouts/" + second.id() + "/rollback");
            browser.await().until(d -> browser.text("main").contains("403"));
            assertThat(browser.text("main")).contains("Only a release engineer may do this");
            assertThat(rollouts.get(second.id()).orElseThrow().state()).isEqualTo(RolloutState.RUNNING);
        }
    }

    private NewHost host(String suffix) {
        return fleet.stream().filter(h -> h.name().equals(HOST_PREFIX + suffix)).findFirst().orElseThrow();
    }

    private void report(NewHost host, ArtifactView version, HostState state, int progress) {
        String detail = state == HostState.RUNNING ? "running " + version.id() : state.name().toLowerCase() + " " + today.id();
        hosts.report(host.name(), new HostReport(version == null ? null : version.id(), state, progress, detail));
    }

    private void awaitCurrentTier(String tier) throws InterruptedException {
        for (int i = 0; i < 100 && !tier.equals(rollouts.get(rollout.id()).orElseThrow().currentTier()); i++) {
            Thread.sleep(100);
        }
        assertThat(rollouts.get(rollout.id()).orElseThrow().currentTier()).isEqualTo(tier);
    }

    private static Path build(long seed) throws Exception {
        Path dir = Files.createTempDirectory("distribution-browser");
        byte[] bytes = new byte[1_500_000 + (int) seed * 100_000];
        new Random(seed).nextBytes(bytes);
        Files.write(dir.resolve("app.bin"), bytes);
        Files.writeString(dir.resolve("VERSION"), "build " + seed + "\n", StandardCharsets.UTF_8);
        Path archive = dir.resolve("app.tar.gz");
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", dir.toString(), "app.bin", "VERSION")
            .redirectErrorStream(true).start();
        tar.getInputStream().readAllBytes();
        assertThat(tar.waitFor()).isZero();
        return archive;
    }
}
