package io.pushtrain.karma.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the reviews a commit message names: the trailers review tools write when they land a
 * change ({@code Reviewed-on:} by Gerrit, {@code Differential Revision:} by Phabricator,
 * {@code Change-Id:} by Gerrit's hook) and GitHub pull request addresses anywhere in the text.
 */
public final class ReviewLinks {

    private static final Pattern TRAILER = Pattern.compile(
            "^(Reviewed-on|Differential Revision|Pull-Request|PR-URL|Change-Id):[ \\t]*(\\S+)[ \\t]*$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern GITHUB_PULL = Pattern.compile(
            "https?://[^/\\s]+/([\\w.-]+)/([\\w.-]+)/pull/(\\d+)(?:/[^\\s]*)?");
    // https://host/c/project/+/12345, .../+/12345/3 (a patch set), https://host/#/c/12345, https://host/12345
    private static final Pattern GERRIT_CHANGE = Pattern.compile(
            "^https?://\\S+?(?:/\\+|/#/c)/(\\d+)(?:/\\d+)?$|^https?://[^/\\s]+/(\\d+)$");
    private static final Pattern PHABRICATOR = Pattern.compile("https?://[^\\s]+/(D\\d+)/?");

    private ReviewLinks() {
    }

    /** The reviews named in the message, in the order they appear; empty for none. */
    public static List<ReviewLink> in(String message) {
        List<ReviewLink> links = new ArrayList<>();
        if (message == null || message.isBlank()) {
            return links;
        }
        Matcher trailer = TRAILER.matcher(message);
        while (trailer.find()) {
            String key = trailer.group(1).toLowerCase(Locale.ROOT);
            String value = trailer.group(2);
            links.add(key.equals("change-id") ? new ReviewLink("gerrit", value, null) : of(value));
        }
        Matcher pull = GITHUB_PULL.matcher(message);
        while (pull.find()) {
            ReviewLink link = of(pull.group());
            if (!links.contains(link)) {
                links.add(link);
            }
        }
        return links;
    }

    /** What an address says about its review: the tool and the id, when its shape tells them. */
    public static ReviewLink of(String url) {
        String clean = normalize(url);
        Matcher github = GITHUB_PULL.matcher(clean);
        if (github.matches()) {
            return new ReviewLink("github", github.group(1) + "/" + github.group(2) + "#" + github.group(3), clean);
        }
        Matcher phabricator = PHABRICATOR.matcher(clean);
        if (phabricator.matches()) {
            return new ReviewLink("phabricator", phabricator.group(1), clean);
        }
        Matcher gerrit = GERRIT_CHANGE.matcher(clean);
        if (gerrit.matches()) {
            String change = gerrit.group(1) != null ? gerrit.group(1) : gerrit.group(2);
            return new ReviewLink("gerrit", change, clean);
        }
        return new ReviewLink(null, null, clean);
    }

    /** Addresses compare without surrounding space and trailing slashes. */
    public static String normalize(String url) {
        if (url == null) {
            return null;
        }
        String clean = url.strip();
        while (clean.endsWith("/")) {
            clean = clean.substring(0, clean.length() - 1);
        }
        return clean;
    }
}
