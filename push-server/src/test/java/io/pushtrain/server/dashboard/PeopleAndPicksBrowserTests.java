package io.pushtrain.server.dashboard;

import java.io.IOException;
import java.util.Map;

import io.pushtrain.karma.Karma;
import io.pushtrain.server.Http;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.People;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PushKind;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People and picks from the web, in the system Chromium: an ADMIN adds a person, changes their
 * roles, mints a token that then signs in to the API and revokes it (a release engineer only
 * reads the page, a developer is refused it); a developer requests a pick (and reads why a bad
 * request is refused), says "I'm here" when the push waits for them, and withdraws a pick.
 */
@Tag("slow")
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushtrain.push.presence-window=10m", "pushtrain.push.tick=200ms", "pushtrain.schedule.enabled=false",
        "pushtrain.build.command=tar czf ../app.tar.gz . && echo ../app.tar.gz" })
class PeopleAndPicksBrowserTests {

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId login;
    static ObjectId help;
    static ObjectId banner;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("people-browser");
        base = remote.commit("ann", "Start the app", Map.of("web/login.html", "<form>\n</form>\n",
                "web/help.html", "<a href=/hlep>\n", "web/banner.html", "<p>\n"));
        login = remote.commit("nadia", "Fix the login form for Safari", Map.of("web/login.html", "<form method=post>\n</form>\n"));
        help = remote.commit("nadia", "Fix the help link", Map.of("web/help.html", "<a href=/help>\n"));
        banner = remote.commit("kim", "Show the outage banner", Map.of("web/banner.html", "<p>We are back</p>\n"));
        remote.serveTo(registry);
    }

    @AfterAll
    static void closeRemote() {
        remote.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    io.pushtrain.train.AuditLog audit;

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
    Karma karma;

    @BeforeAll
    void peopleAndATrain() {
        person("ada", Role.ADMIN);
        person("rita", Role.RELEASE_ENGINEER);
        person("nadia", Role.DEVELOPER);
        person("kim", Role.DEVELOPER);
        trains.cut(base.name(), "rita", true);
    }

    @Test
    void anAdminAddsAPersonChangesTheirRolesAndMintsATokenThatSignsInToTheApi() throws Exception {
        try (Browser browser = Browser.open(url(""))) {
            browser.logIn("nadia", "nadia-pw");
            assertThat(browser.driver().findElements(By.cssSelector("header nav a[href$='/people']")))
                .as("no People in a developer's menu").isEmpty();
            browser.go("/people");
            assertThat(browser.text(".refusal")).contains("403", "The people page is for ADMINs and release engineers");
            browser.logOut();

            browser.logIn("rita", "rita-pw");
            browser.find("header nav a[href$='/people']").click();
            browser.await().until(d -> !d.findElements(By.id("person-nadia")).isEmpty());
            assertThat(browser.text("#person-nadia .roles")).isEqualTo("DEVELOPER");
            assertThat(browser.driver().findElements(By.cssSelector("#add-person, .mint, .roles-form")))
                .as("a release engineer reads the page only").isEmpty();
            browser.forgePost("/people/nadia/tokens");
            assertThat(browser.text(".refusal")).contains("403", "Only an ADMIN mints tokens");
            browser.logOut();

            browser.logIn("ada", "ada-pw");
            browser.go("/people");
            browser.find("#new-name").sendKeys("lena");
            browser.find("#new-role-DEVELOPER").click();
            browser.find("#new-irc").sendKeys("lena_irc");
            browser.find("#new-password").sendKeys("lena-secret-1");
            browser.find("#add-person-button").click();
            browser.await().until(d -> browser.text("main .notice").contains("Added lena (DEVELOPER)."));
            assertThat(browser.text("#person-lena")).contains("lena_irc");
            assertThat(Http.get(url("/api/trains"), Http.basic("lena", "lena-secret-1")).statusCode())
                .as("the password set on the page signs in").isEqualTo(200);

            browser.find("summary[aria-label='Change roles of lena']").click();
            browser.find("input[aria-label='PRODUCT for lena']").click();
            browser.find("button[aria-label='Save roles of lena']").click();
            browser.await().until(d -> browser.text("main .notice").contains("lena now has the roles DEVELOPER, PRODUCT."));
            assertThat(people.get("lena").roles()).containsExactlyInAnyOrder(Role.DEVELOPER, Role.PRODUCT);

            browser.find("#label-lena").sendKeys("laptop");
            browser.find("button[aria-label='Mint a token for lena']").click();
            browser.await().until(d -> !d.findElements(By.id("minted-token-value")).isEmpty());
            String token = browser.text("#minted-token-value");
            assertThat(token).startsWith("pt_");
            assertThat(browser.text("#minted-token")).contains("shown only this once");
            assertThat(browser.text("#person-lena .tokens")).isEqualTo("1");
            String bearer = Http.bearer(token);
            assertThat(Http.body(Http.get(url("/api/karma/lena"), bearer), 200).get("stars").asInt())
                .as("the minted token signs in as lena").isEqualTo(5);
            assertThat(Http.get(url("/api/users"), bearer).statusCode()).as("with lena's roles").isEqualTo(403);
            browser.screenshot("dashboard-people.png");

            browser.go("/people");
            assertThat(browser.driver().findElements(By.id("minted-token"))).as("shown once").isEmpty();
            browser.clickAndConfirm("button[aria-label='Revoke the tokens of lena']");
            browser.await().until(d -> browser.text("main .notice").contains("Revoked 1 token of lena"));
            assertThat(browser.text("#person-lena .tokens")).isEqualTo("0");
            assertThat(Http.get(url("/api/karma/lena"), bearer).statusCode()).as("revoked").isEqualTo(401);
            assertThat(audit.find(new io.pushtrain.train.AuditQuery("ada", "user lena", null, null, 50)).entries())
                .as("each action on the page is in the audit log")
                .extracting(io.pushtrain.train.AuditEntry::action)
                .containsExactly("token revoke", "token mint", "user roles", "user create");
            browser.saveScreenshots();
        }
    }

    @Test
    void aDeveloperRequestsAPickSaysImHereForThePushAndWithdrawsAnother() throws Exception {
        try (Browser browser = Browser.open(url(""))) {
            browser.logIn("nadia", "nadia-pw");
            browser.go("/queue");
            browser.find("#pick-commit").sendKeys("deadbeef00");
            browser.find("#pick-reason").sendKeys("users cannot log in with Safari");
            browser.find("#request-pick-button").click();
            browser.await().until(d -> !d.findElements(By.id("request-problem")).isEmpty());
            assertThat(browser.text("#request-problem")).contains("unknown revision deadbeef00");
            assertThat(browser.find("#pick-reason").getDomProperty("value")).as("what was typed stays")
                .isEqualTo("users cannot log in with Safari");

            browser.find("#pick-commit").clear();
            browser.find("#pick-commit").sendKeys(login.name());
            browser.find("#request-pick-button").click();
            browser.await().until(d -> browser.text("main .notice").startsWith("Requested pick "));
            PickView requested = picks.ofCommit(login.name()).get(0);
            assertThat(requested.requester()).isEqualTo("nadia");
            assertThat(requested.reason()).isEqualTo("users cannot log in with Safari");
            assertThat(browser.text("#pick-" + requested.id())).contains("Withdraw");
            browser.screenshot("dashboard-request-pick.png");

            trains.freeze(trains.current().orElseThrow().id(), "the payments outage", "rita");
            try {
                browser.find("#pick-commit").sendKeys(help.name());
                browser.find("#pick-reason").sendKeys("the help link 404s");
                browser.find("#request-pick-button").click();
                browser.await().until(d -> browser.text("main .notice").contains("The train is frozen (the payments outage)"));
            }
            finally {
                trains.unfreeze(trains.current().orElseThrow().id(), "rita");
            }
            long helpPick = picks.ofCommit(help.name()).get(0).id();
            picks.approve(helpPick, "rita", null);
            browser.go("/queue");
            browser.find("button[aria-label='Confirm presence for pick " + helpPick + "']").click();
            browser.await().until(d -> browser.text("main .notice")
                .equals("You are here for pick " + helpPick + " (Fix the help link): the next push takes it."));
            assertThat(picks.get(helpPick).state()).isEqualTo(PickState.CONFIRMED);
            browser.clickAndConfirm("button[aria-label='Withdraw pick " + helpPick + "']");
            browser.await().until(d -> browser.text("main .notice").startsWith("Withdrew pick " + helpPick));
            assertThat(picks.get(helpPick).state()).isEqualTo(PickState.WITHDRAWN);
            assertThat(browser.driver().findElements(By.id("pick-" + helpPick))).isEmpty();

            picks.approve(requested.id(), "rita", null);
            long push = pushes.start(null, PushKind.PICKS, "rita").id();
            browser.go("/");
            browser.await().until(d -> !d.findElements(By.id("presence-here")).isEmpty());
            browser.screenshot("dashboard-presence-here.png");
            browser.find("#presence-here").click();
            browser.await().until(d -> browser.text("main .notice")
                .equals("You are here for push " + push + ": confirmed pick " + requested.id() + "."));
            browser.await().until(d -> browser.text("#push-state").equals("DONE"));
            assertThat(pushes.get(push).state()).isEqualTo(PushState.DONE);
            assertThat(picks.get(requested.id()).state()).isEqualTo(PickState.SHIPPED);
            browser.logOut();

            for (int i = 0; i < 3; i++) {
                karma.unlike("kim", "rita", "pick " + i + " broke the banner tests");
            }
            browser.logIn("kim", "kim-pw");
            browser.go("/queue");
            browser.find("#pick-commit").sendKeys(banner.name());
            browser.find("#pick-reason").sendKeys("the outage banner must go");
            browser.find("#request-pick-button").click();
            browser.await().until(d -> !d.findElements(By.id("request-problem")).isEmpty());
            assertThat(browser.text("#request-problem")).startsWith("Pick ")
                .contains("is refused: kim has 2 stars: the train takes no picks from kim");
            assertThat(picks.ofCommit(banner.name()).get(0).state()).isEqualTo(PickState.REFUSED_KARMA);
            browser.saveScreenshots();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The browser tests share one database: another class may have made rita or nadia already, with this password. */
    private void person(String name, Role role) {
        BrowserPeople.ensure(people, encoder, name, role);
    }
}
