package io.pushtrain.server.dashboard;

import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API reference a person uses, in the system Chromium: Swagger UI shows the title and the
 * summaries, Authorize takes a name and password, and "Try it out" then gets a real 200 where it
 * got a 401 before signing in.
 */
@Tag("slow")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pushtrain.schedule.enabled=false")
class SwaggerUiBrowserTests {

    private static final String LIST_TRAINS = "List release trains, newest first";

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void tryItOutSignsInWithBasicAfterAuthorizeAndAnswersForReal() throws Exception {
        BrowserPeople.ensure(people, encoder, "swagger-rita", Role.RELEASE_ENGINEER);
        try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
            browser.go("/swagger-ui.html");
            browser.await().until(d -> d.getTitle().contains("Swagger") && !d.findElements(By.cssSelector(".opblock")).isEmpty());
            assertThat(browser.text(".info .title")).contains("pushtrain API");
            assertThat(browser.text(".info .description")).contains("Sign in with HTTP Basic");

            WebElement trains = listTrains(browser);
            assertThat(trains.getText()).contains(LIST_TRAINS);
            assertThat(execute(browser, trains)).as("before Authorize").isEqualTo("401");

            browser.find("button.authorize").click();
            WebElement basic = browser.await().until(d -> d.findElements(By.cssSelector(".modal-ux .auth-container"))
                .stream().filter(c -> c.getText().contains("basic")).findFirst().orElse(null));
            basic.findElement(By.cssSelector("input[type='text']")).sendKeys("swagger-rita");
            basic.findElement(By.cssSelector("input[type='password']")).sendKeys("swagger-rita-pw");
            basic.findElement(By.cssSelector("button.authorize")).click();
            browser.await().until(d -> basic.getText().contains("Logout"));
            browser.find(".modal-ux button.btn-done").click();

            assertThat(execute(browser, listTrains(browser))).as("after Authorize").isEqualTo("200");
            browser.screenshot("api-swagger-ui.png");
            browser.saveScreenshots();
        }
    }

    private static WebElement listTrains(Browser browser) {
        return browser.await().until(d -> d.findElements(By.cssSelector(".opblock.opblock-get")).stream()
            .filter(op -> op.getText().contains(LIST_TRAINS)).findFirst().orElse(null));
    }

    /** Opens the operation if it is closed, presses Try it out once, then Execute; the status it got. */
    private static String execute(Browser browser, WebElement operation) {
        if (operation.findElements(By.cssSelector("button.execute")).isEmpty()
                && operation.findElements(By.cssSelector("button.try-out__btn")).isEmpty()) {
            operation.findElement(By.cssSelector(".opblock-summary")).click();
        }
        browser.await().until(d -> !operation.findElements(By.cssSelector("button.try-out__btn, button.execute")).isEmpty());
        if (operation.findElements(By.cssSelector("button.execute")).isEmpty()) {
            operation.findElement(By.cssSelector("button.try-out__btn")).click();
        }
        browser.await().until(d -> !operation.findElements(By.cssSelector("button.execute")).isEmpty());
        // A response from an earlier Execute would answer the wait below: clear it first.
        operation.findElements(By.cssSelector("button.btn-clear")).forEach(WebElement::click);
        browser.await().until(d -> operation.findElements(By.cssSelector(".live-responses-table")).isEmpty());
        operation.findElement(By.cssSelector("button.execute")).click();
        return browser.await().until(d -> {
            var status = operation.findElements(By.cssSelector(".live-responses-table tr.response .response-col_status"));
            String text = status.isEmpty() ? "" : status.get(0).getText().strip();
            return text.isEmpty() ? null : text.split("\\s+")[0];
        });
    }
}
