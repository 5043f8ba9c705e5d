package io.pushtrain.server.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pushtrain.flags.Flags;
import io.pushtrain.flags.UnknownFlag;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagUser;
import io.pushtrain.gatekeeper.client.Rule;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A product person edits a flag's rules through the form in the system Chromium: adds an attribute rule and a
 * percentage rule, moves one up, is told what is wrong, saves; sees the reach of each rule on a sample of users
 * the server evaluated; and asks "who sees this?" for several users at once.
 */
@Tag("slow")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FlagsBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Flags flags;

    @Test
    void aProductPersonEditsTheRulesWithTheFormSeesTheirReachAndAsksWhoSeesIt() throws Exception {
        person("pia", Role.PRODUCT);
        String name = "photo-composer-browser";
        createWithTwoRules(name);
        flags.audience(name, sample());

        try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
            browser.logIn("pia", "pia-pw");
            browser.go("/flags/" + name);
            assertThat(browser.text("#rule-1 .reach")).startsWith("Names user techcrunch.").contains("Serves 1 of the");
            assertThat(browser.text("#rule-2 .reach")).startsWith("Names group employees.");
            assertThat(browser.text("#reach-sample")).contains("users this server evaluated most recently");

            browser.find("#add-attribute").click();
            browser.await().until(d -> !d.findElements(By.cssSelector("#rule-3 .attribute")).isEmpty());
            assertThat(browser.text("#unsaved")).contains("Not saved yet");
            browser.find("#rule-3 .attribute").sendKeys("country");
            new Select(browser.find("#rule-3 .op")).selectByValue("in");
            browser.find("#rule-3 .values").sendKeys("NZ, AU");
            browser.find("#add-percentage").click();
            browser.await().until(d -> !d.findElements(By.cssSelector("#rule-4 .percentage")).isEmpty());
            assertThat(browser.find("#rule-3 .values").getAttribute("value")).as("kept through the round trip")
                .isEqualTo("NZ, AU");
            type(browser.find("#rule-4 .percentage"), "120");
            browser.find("#rule-2 .move-up").click();
            browser.await().until(d -> browser.text("#rule-1 .rule-kind").equals("groups"));
            assertThat(browser.text("#rule-2 .rule-kind")).isEqualTo("users");

            browser.find("#rules-reason").sendKeys("kiwis, aussies and a quarter of everyone");
            browser.find("#save-rules").click();
            browser.await().until(d -> !d.findElements(By.cssSelector("#rule-4 .problems")).isEmpty());
            assertThat(browser.text("#rule-4 .problems")).isEqualTo("rule 4: percentage 120 is outside 0-100");
            assertThat(flags.get(name).version()).as("nothing saved").isEqualTo(1);

            type(browser.find("#rule-4 .percentage"), "25");
            browser.find("#save-rules").click();
            browser.await().until(d -> browser.text("main .notice").contains("Saved " + name + ", now version 2."));
            Flag saved = flags.get(name);
            assertThat(saved.rules()).containsExactly(Rule.groups("on", "employees"), Rule.users("on", "techcrunch"),
                    Rule.attribute("country", "in", List.of("NZ", "AU"), "on"), Rule.percentage(25, "on"));
            assertThat(browser.text("#rule-3 .reach")).matches("Serves \\d+ of the \\d+ users in the sample \\([\\d.]+%\\)"
                    + " not caught by an earlier rule\\.");
            assertThat(browser.text("#rule-default .reach")).contains("match no rule and get off.");

            browser.find("#who-users").sendKeys("techcrunch\nbob {\"groups\": [\"employees\"]}\n"
                    + "kiri {\"country\": \"NZ\"}\nsam {\"country\": \"FR\"}");
            browser.find("#ask").click();
            browser.await().until(d -> d.findElements(By.cssSelector("#audience tbody tr")).size() == 4);
            List<String> reasons = new ArrayList<>();
            for (WebElement row : browser.driver().findElements(By.cssSelector("#audience tbody tr"))) {
                reasons.add(row.findElement(By.cssSelector(".user")).getText() + " "
                        + row.findElement(By.cssSelector(".variant")).getText() + " "
                        + row.findElement(By.cssSelector(".reason")).getText());
            }
            String sam = flags.evaluate(name, FlagUser.of("sam").with("country", "FR")).reason();
            assertThat(reasons).containsExactly("techcrunch on rule 2: user techcrunch",
                    "bob on rule 1: group employees", "kiri on rule 3: country in [NZ, AU]",
                    "sam " + (sam.equals("default") ? "off default" : "on rule 4: 25% rollout"));
            browser.screenshot("dashboard-flag.png");
            browser.go("/flags");
            browser.screenshot("dashboard-flags.png");
            browser.saveScreenshots();
        }
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private void createWithTwoRules(String name) {
        try {
            flags.delete(name, null, "test", "a fresh start");
        }
        catch (UnknownFlag first) {
            // there was none
        }
        flags.put(name, new Flag(name, "new photo composer", "photos", true, Map.of("on", true, "off", false), "off",
                List.of(Rule.users("on", "techcrunch"), Rule.groups("on", "employees")), null), null, "pia", "ship dark");
    }

    /** Users with attributes as the demo has them: some employees, a few in NZ and AU, most elsewhere. */
    private static List<FlagUser> sample() {
        List<FlagUser> users = new ArrayList<>();
        users.add(FlagUser.of("techcrunch").with("country", "US"));
        String[] countries = { "US", "GB", "NZ", "AU", "FR", "DE", "US", "JP" };
        for (int i = 0; i < 400; i++) {
            FlagUser user = FlagUser.of("browser-user-" + i).with("country", countries[i % countries.length]);
            users.add(i % 25 == 0 ? user.inGroups("employees") : user);
        }
        return users;
    }

    private void person(String name, Role role) {
        BrowserPeople.ensure(people, encoder, name, role);
    }
}
