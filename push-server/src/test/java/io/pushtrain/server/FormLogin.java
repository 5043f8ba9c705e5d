package io.pushtrain.server;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs in through the dashboard's login form as a browser does: its page, its CSRF token, its session cookie. */
final class FormLogin {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private FormLogin() {
    }

    /** Answers where the form sent the browser: the dashboard when the password was right. */
    static String signIn(String base, String name, String password) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
        return signIn(browser, base, name, password);
    }

    /** A browser-like client signed in as {@code name}: its session cookie goes with every request. */
    static HttpClient session(String base, String name, String password) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
        signIn(browser, base, name, password);
        return browser;
    }

    /** The CSRF token of a page, as a form on it sends it. */
    static String csrf(String page) {
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token on the page:\n" + page);
        }
        return csrf.group(1);
    }

    private static String signIn(HttpClient browser, String base, String name, String password)
            throws IOException, InterruptedException {
        String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token on the login page:\n" + page);
        }
        String form = "username=" + enc(name) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        HttpResponse<String> sent = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
            .build(), HttpResponse.BodyHandlers.ofString());
        String location = sent.headers().firstValue("Location").orElse("");
        if (sent.statusCode() != 302 || location.contains("error")) {
            throw new AssertionError("sign-in as " + name + " refused: " + sent.statusCode() + " " + location);
        }
        return location;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
