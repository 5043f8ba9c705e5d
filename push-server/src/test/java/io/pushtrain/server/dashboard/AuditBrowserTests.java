package io.pushtrain.server.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit log page in the system Chromium: the release engineer filters by actor and sees
 * their approval with its reason and their emergency push, each linking to its page; a developer
 * is refused the page and has no link to it.
 */
@Tag("slow")
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.push.tick=200ms", "pushtrain.schedule.enabled=false",
        "pushtrain.build.command=tar czf ../app.tar.gz . && echo ../app.tar.gz" })
class AuditBrowserTests {

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId checkout;
    static ObjectId search;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("audit-browser");
        base = remote.commit("ann", "Start the shop", Map.of("shop/checkout.py", "TOTAL = 0\n",
                "shop/search.py", "LIMIT = 10\n"));
        checkout = remote.commit("tomas", "Checkout adds the tax", Map.of("shop/checkout.py", "TOTAL = 1.2\n"));
        search = remote.commit("tomas", "Search shows more", Map.of("shop/search.py", "LIMIT = 50\n"));
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

    long approved;
    long rejected;
    long push;

    @BeforeAll
    void actionsToAudit() {
        person("rhea", Role.RELEASE_ENGINEER);
        person("tomas", Role.DEVELOPER);
        trains.cut(base.name(), "rhea", true);
        approved = requested(checkout, "the tax is missing on every order");
        rejected = requested(search, "more results");
        picks.approve(approved, "rhea", "revenue is wrong without it");
        picks.reject(rejected, "rhea", "waits for the weekly train");
        push = pushes.startEmergency(List.of(approved), "orders are undercharged now", "rhea").id();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .until(() -> pushes.get(push).state() != PushState.RUNNING);
    }

    @Test
    void theReleaseEngineerFiltersByActorAndEachObjectLinksToItsPage() throws Exception {
        try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
            browser.logIn("rhea", "rhea-pw");
            browser.go("/");
            browser.find("header nav a[href$='/audit']").click();
            browser.await().until(d -> d.getCurrentUrl().endsWith("/audit"));
            assertThat(browser.text("h1")).isEqualTo("Audit log");

            browser.find("input[name=actor]").sendKeys("rhea");
            browser.find("form.filters button[type=submit]").click();
            browser.await().until(d -> d.getCurrentUrl().contains("actor=rhea"));
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr.audit-entry"));
            assertThat(rows).extracting(r -> r.findElement(By.cssSelector(".actor")).getText()).containsOnly("rhea");
            WebElement approval = row(rows, "pick approve", "pick " + approved);
            assertThat(approval.findElement(By.cssSelector(".reason")).getText()).isEqualTo("revenue is wrong without it");
            assertThat(approval.findElement(By.cssSelector(".object a")).getAttribute("href"))
                .endsWith("/picks/" + approved + "/diff");
            assertThat(row(rows, "pick reject", "pick " + rejected).findElement(By.cssSelector(".reason")).getText())
                .isEqualTo("waits for the weekly train");
            WebElement started = row(rows, "push start", "push " + push);
            assertThat(started.findElement(By.cssSelector(".reason")).getText()).isEqualTo("orders are undercharged now");
            assertThat(rows).noneMatch(r -> r.getText().contains("pick request"));
            browser.screenshot("dashboard-audit.png");

            started.findElement(By.cssSelector(".object a")).click();
            browser.await().until(d -> d.getCurrentUrl().endsWith("/pushes/" + push));

            browser.go("/audit?since=yesterday");
            assertThat(browser.text(".filter-problem")).contains("since \"yesterday\" is not a time");

            browser.logOut();
            browser.logIn("tomas", "tomas-pw");
            assertThat(browser.driver().findElements(By.cssSelector("header nav a[href$='/audit']"))).isEmpty();
            browser.go("/audit");
            assertThat(browser.text("main")).contains("Only a release engineer may do this");
            browser.saveScreenshots();
        }
    }

    private static WebElement row(List<WebElement> rows, String action, String object) {
        List<WebElement> found = rows.stream().filter(r -> r.findElement(By.cssSelector(".action")).getText().equals(action)
                && r.findElement(By.cssSelector(".object")).getText().equals(object)).toList();
        assertThat(found).as(action + " of " + object).hasSize(1);
        return found.get(0);
    }

    private long requested(ObjectId commit, String reason) {
        PickView pick = picks.request(new PickRequest(commit.name(), reason, null, "tomas")).pick();
        return pick.id();
    }

    /** The browser tests share one database: another class may have made this person already. */
    private void person(String name, Role role) {
        BrowserPeople.ensure(people, encoder, name, role);
    }
}
