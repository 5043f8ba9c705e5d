package io.pushtrain.server.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.People;
import io.pushtrain.train.PickRequest;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushState;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.Role;
import io.pushtrain.train.TrainException;
import io.pushtrain.train.Trains;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release engineer's hands on Today's push, in the system Chromium: the presence buttons
 * (extend the wait, skip the requester who is away, end the wait; the push goes on with whoever
 * confirmed), and freezing the train (a banner with the reason, no push starts) and unfreezing
 * it. A developer sees none of the buttons.
 */
@Tag("slow")
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.push.presence-window=10m", "pushtrain.push.tick=200ms", "pushtrain.schedule.enabled=false",
        "pushtrain.build.command=tar czf ../app.tar.gz . && echo ../app.tar.gz" })
class PushControlBrowserTests {

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId login;
    static ObjectId feed;
    static ObjectId cache;
    static ObjectId help;
    static ObjectId search;
    static ObjectId thumbs;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("presence-browser");
        base = remote.commit("ann", "Start the app", Map.of("web/login.html", "<form>\n</form>\n",
                "api/feed.py", "def feed():\n    return []\n", "photos/cache.py", "SIZE = 10\n"));
        login = remote.commit("nadia", "Fix the login form for Safari", Map.of("web/login.html", "<form method=post>\n</form>\n"));
        feed = remote.commit("omar", "Feed returns items", Map.of("api/feed.py", "def feed():\n    return items()\n"));
        cache = remote.commit("priya", "Grow the photo cache", Map.of("photos/cache.py", "SIZE = 20\n"));
        help = remote.commit("nadia", "Fix the help link", Map.of("web/help.html", "<a href=/help>\n"));
        search = remote.commit("omar", "Search finds tags", Map.of("api/search.py", "def search(q):\n    return tags(q)\n"));
        thumbs = remote.commit("priya", "Sharper thumbnails", Map.of("photos/thumbs.py", "QUALITY = 90\n"));
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

    @BeforeAll
    void peopleAndATrain() {
        person("rita", Role.RELEASE_ENGINEER);
        person("nadia", Role.DEVELOPER);
        person("omar", Role.DEVELOPER);
        person("priya", Role.DEVELOPER);
        trains.cut(base.name(), "rita", true);
    }

    @Test
    void theReleaseEngineerFreezesTheTrainWithAReasonAndUnfreezesIt() throws Exception {
        try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
            browser.logIn("rita", "rita-pw");
            browser.go("/");
            assertThat(browser.driver().findElements(By.id("freeze-banner"))).isEmpty();
            browser.find("#freeze").click();
            assertThat(browser.script("return document.getElementById('freeze-why').validity.valueMissing"))
                .as("no freeze without a reason").isEqualTo(true);
            browser.find("#freeze-why").sendKeys("the payments outage: nothing ships until it is over");
            browser.find("#freeze").click();
            browser.await().until(d -> browser.text("main .notice").contains("is frozen"));
            assertThat(browser.text("#freeze-reason")).isEqualTo("the payments outage: nothing ships until it is over");
            assertThat(browser.text("#freeze-banner")).contains("Frozen.", "(rita, ");
            assertThat(browser.driver().findElements(By.id("start-push"))).as("no Start push on a frozen train").isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> pushes.start(null, PushKind.PICKS, "rita"))
                .isInstanceOf(TrainException.Refused.class).hasMessageContaining("the payments outage");

            PickView nadias = approved(help, "nadia");
            browser.go("/");
            assertThat(browser.find("#emergency").getAttribute("open")).as("open while frozen").isNotNull();
            browser.find("input[aria-label='Pick " + nadias.id() + "']").click();
            browser.find("#emergency-why").sendKeys("the help link 404s for every user");
            browser.screenshot("dashboard-emergency.png");
            browser.clickAndConfirm("#emergency-start");
            browser.await().until(d -> browser.text("main .notice").contains("without the presence wait"));
            long emergency = pushes.latest().orElseThrow().id();
            assertThat(browser.text("main .notice")).isEqualTo("Emergency push " + emergency + " of "
                    + trains.current().orElseThrow().branch() + " started with 1 pick, without the presence wait.");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/pushes/" + emergency);
            assertThat(pushes.get(emergency).picks()).extracting(p -> p.id()).containsExactly(nadias.id());
            browser.go("/");
            browser.await().until(d -> !d.findElements(By.id("push-emergency")).isEmpty());
            assertThat(browser.text("#push-emergency-reason")).isEqualTo("· why: the help link 404s for every user");
            browser.await().until(d -> browser.text("#push-state").equals("DONE"));
            assertThat(pushes.get(emergency).state()).isEqualTo(PushState.DONE);
            assertThat(browser.text("#no-presence")).as("nobody was asked")
                .isEqualTo("No presence wait: an emergency push takes the named picks as they are.");
            browser.screenshot("dashboard-freeze.png");

            browser.find("#unfreeze").click();
            browser.await().until(d -> browser.text("main .notice").contains("is unfrozen"));
            assertThat(browser.driver().findElements(By.id("freeze-banner"))).isEmpty();
            assertThat(browser.find("#start-push").isEnabled()).isTrue();
            assertThat(trains.current().orElseThrow().frozen()).isFalse();
            browser.saveScreenshots();
        }
    }

    @Test
    void theReleaseEngineerExtendsSkipsAndEndsTheWaitWithTheButtons() throws Exception {
        PickView nadias = approved(login, "nadia");
        PickView omars = approved(feed, "omar");
        PickView priyas = approved(cache, "priya");
        long push = pushes.start(null, PushKind.PICKS, "rita").id();
        picks.confirm(nadias.id(), "nadia");

        try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
            browser.logIn("nadia", "nadia-pw");
            browser.go("/");
            browser.await().until(d -> browser.find("#push-live .presence").getText().contains("waiting"));
            assertThat(browser.driver().findElements(By.cssSelector("#presence-extend, #presence-end, form.skip-requester")))
                .as("a developer sees no presence buttons").isEmpty();
            assertThat(browser.driver().findElements(By.id("freeze"))).as("nor Freeze").isEmpty();
            browser.logOut();

            browser.logIn("rita", "rita-pw");
            browser.go("/");
            browser.await().until(d -> !d.findElements(By.id("presence-extend")).isEmpty());
            Instant before = pushes.get(push).presenceDeadline();
            browser.find("#presence-extend").click();
            browser.await().until(d -> browser.text("main .notice").contains("extended by 10 min"));
            assertThat(pushes.get(push).presenceDeadline()).isEqualTo(before.plus(Duration.ofMinutes(10)));

            browser.clickAndConfirm("button[aria-label='Skip omar']");
            browser.await().until(d -> browser.text("main .notice").contains("Skipped omar"));
            assertThat(picks.get(omars.id()).state()).isEqualTo(PickState.DEFERRED);
            browser.await().until(d -> browser.text("#push-live .presence").replaceAll("\\s+", " ").contains("omar 1 pick skipped"));
            assertThat(browser.driver().findElements(By.cssSelector("button[aria-label='Skip nadia']")))
                .as("nadia confirmed: nothing to skip").isEmpty();
            assertThat(browser.driver().findElements(By.cssSelector("button[aria-label='Skip omar']")))
                .as("omar is skipped already").isEmpty();
            assertThat(browser.find("button[aria-label='Skip priya']").isDisplayed()).isTrue();
            browser.screenshot("dashboard-presence.png");

            browser.clickAndConfirm("#presence-end");
            browser.await().until(d -> browser.text("main .notice").contains("Presence wait of push " + push + " ended"));
            browser.await().until(d -> browser.text("#push-state").equals("DONE"));
            assertThat(browser.driver().findElements(By.id("presence-end"))).as("nothing to end any more").isEmpty();
            assertThat(picks.get(nadias.id()).state()).isEqualTo(PickState.SHIPPED);
            assertThat(picks.get(priyas.id()).state()).isEqualTo(PickState.DEFERRED);
            assertThat(pushes.get(push).state()).isEqualTo(PushState.DONE);
            browser.saveScreenshots();
        }
    }

    @Test
    void theSameControlsWorkFromThePushsOwnPageAndReturnToIt() throws Exception {
        PickView omars = approved(search, "omar");
        PickView priyas = approved(thumbs, "priya");
        long push = pushes.start(null, PushKind.PICKS, "rita").id();
        String page = "/pushes/" + push;

        try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
            browser.logIn("rita", "rita-pw");
            browser.go(page);
            browser.await().until(d -> {
                d.navigate().refresh();
                return !d.findElements(By.id("presence-extend")).isEmpty();
            });
            Instant before = pushes.get(push).presenceDeadline();
            browser.find("#presence-extend").click();
            browser.await().until(d -> browser.text("main .notice").contains("extended by 10 min"));
            assertThat(browser.driver().getCurrentUrl()).endsWith(page);
            assertThat(pushes.get(push).presenceDeadline()).isEqualTo(before.plus(Duration.ofMinutes(10)));

            browser.clickAndConfirm("button[aria-label='Skip omar']");
            browser.await().until(d -> browser.text("main .notice").contains("Skipped omar"));
            assertThat(browser.driver().getCurrentUrl()).endsWith(page);
            assertThat(picks.get(omars.id()).state()).isEqualTo(PickState.DEFERRED);
            assertThat(browser.text("#report-presence").replaceAll("\\s+", " ")).contains("omar 1 pick skipped");
            assertThat(browser.text("#report-picks tr[data-pick='" + omars.id() + "'] .why"))
                .isEqualTo("Skipped by rita in push " + push + ": waits for the next push.");

            browser.find("#freeze-why").sendKeys("the photo CDN is down");
            browser.find("#freeze").click();
            browser.await().until(d -> browser.text("main .notice").contains("is frozen"));
            assertThat(browser.driver().getCurrentUrl()).endsWith(page);
            assertThat(browser.text("#freeze-reason")).isEqualTo("the photo CDN is down");
            browser.screenshot("dashboard-push-report-controls.png");
            browser.find("#unfreeze").click();
            browser.await().until(d -> browser.text("main .notice").contains("is unfrozen"));
            assertThat(browser.driver().getCurrentUrl()).endsWith(page);
            assertThat(trains.current().orElseThrow().frozen()).isFalse();

            browser.clickAndConfirm("#presence-end");
            browser.await().until(d -> browser.text("main .notice").contains("Presence wait of push " + push + " ended"));
            assertThat(browser.driver().getCurrentUrl()).endsWith(page);
            browser.await().withTimeout(Duration.ofSeconds(60)).until(d -> {
                d.navigate().refresh();
                return browser.text("#report-state").equals("DONE");
            });
            assertThat(browser.driver().findElements(By.id("report-presence"))).as("an ended push has no wait").isEmpty();
            assertThat(picks.get(priyas.id()).state()).as("priya never confirmed").isEqualTo(PickState.DEFERRED);
            browser.saveScreenshots();
        }
        finally {
            // Deferred picks ride the next push: the other tests' pushes must not take them.
            picks.withdraw(omars.id(), "rita", true);
            picks.withdraw(priyas.id(), "rita", true);
        }
    }

    private PickView approved(ObjectId commit, String requester) {
        PickView pick = picks.request(new PickRequest(commit.name(), "users need it", null, requester)).pick();
        picks.approve(pick.id(), "rita", null);
        return pick;
    }

    /** The browser tests share one database: DashboardBrowserTests may have made rita already, with this password. */
    private void person(String name, Role role) {
        BrowserPeople.ensure(people, encoder, name, role);
    }
}
