package io.pushtrain.train.trunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.jgit.lib.PersonIdent;

/** The words of the demo trunk: its people, its source files, its commit messages; all drawn from one Random. */
final class DemoContent {

    static final String[][] AUTHORS = {
            { "Aiko Tanaka", "aiko" }, { "Ben Okafor", "ben" }, { "Carla Mendes", "carla" },
            { "Dmitri Volkov", "dmitri" }, { "Esther Cohen", "esther" }, { "Farid Haddad", "farid" },
            { "Grace Liu", "grace" }, { "Hugo Lindqvist", "hugo" } };

    /** Each area of the codebase: folder, file extension, nouns its files are named after. */
    private static final String[][] AREAS = {
            { "www/feed", "php", "FeedRanker", "StoryCache", "Timeline", "Highlights", "Composer" },
            { "www/photos", "php", "Upload", "Album", "Thumbnail", "Tagging", "Viewer" },
            { "www/search", "php", "Typeahead", "QueryParser", "Results", "Spelling" },
            { "lib/cache", "cpp", "Memcache", "Eviction", "ConsistentHash", "Lease" },
            { "lib/http", "cpp", "Router", "Compression", "Cookies", "Headers" },
            { "ads/ranking", "py", "bid_model", "budget_pacing", "auction", "click_model" },
            { "infra/deploy", "py", "rollout", "health_check", "canary", "host_inventory" } };

    private static final String[] VERBS = { "Fix", "Speed up", "Clean up", "Add logging to", "Guard",
            "Refactor", "Handle empty input in", "Remove dead code from", "Tune", "Gatekeeper-gate" };
    private static final String[] WHYS = { "a null story list crashed the request",
            "p99 latency regressed by 40ms after last week's push", "the old path is unused since the migration",
            "oncall saw this in the error logs twice a day", "the feature ships dark behind a flag",
            "the cache was filled twice on a cold start", "a typo in the config key kept it disabled" };
    private static final String[] PLANS = { "unit tests; loaded the page on a sandbox",
            "ran the perflab comparison, no change", "replayed yesterday's traffic sample", "added a test for the edge case",
            "checked the dashboards on one canary host" };
    private static final String[] IDENTS = { "count", "limit", "story", "user", "result", "budget", "host",
            "offset", "ttl", "score", "viewer", "rack", "bucket", "page" };

    private final Random random;

    DemoContent(Random random) {
        this.random = random;
    }

    /** About 150 paths over the areas, with their area index. */
    List<String> initialPaths(int wanted) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; paths.size() < wanted; i++) {
            String[] area = AREAS[i % AREAS.length];
            int slot = i / AREAS.length;
            String noun = area[2 + slot % (area.length - 2)];
            int generation = slot / (area.length - 2);
            paths.add(area[0] + "/" + fileName(noun, generation, area[1]));
        }
        return paths;
    }

    private static String fileName(String noun, int generation, String ext) {
        String name = generation == 0 ? noun : noun + (ext.equals("py") ? "_v" : "V") + (generation + 1);
        return name + "." + ext;
    }

    List<String> initialLines() {
        List<String> lines = new ArrayList<>();
        int count = 20 + random.nextInt(30);
        for (int i = 0; i < count; i++) {
            lines.add(codeLine());
        }
        return lines;
    }

    String codeLine() {
        String a = pick(IDENTS);
        String b = pick(IDENTS);
        return switch (random.nextInt(4)) {
            case 0 -> "  " + a + " = " + b + " + " + random.nextInt(100) + ";";
            case 1 -> "  if (" + a + " > " + random.nextInt(1000) + ") { return " + b + "; }";
            case 2 -> "  log(\"" + a + "\", " + b + ");";
            default -> "  " + a + "_" + b + " = compute_" + a + "(" + b + ", " + random.nextInt(10) + ");";
        };
    }

    PersonIdent author(int index, long epochSeconds) {
        String[] person = AUTHORS[index];
        return new PersonIdent(person[0], person[1] + "@pushtrain.example",
                java.time.Instant.ofEpochSecond(epochSeconds), java.time.ZoneOffset.ofHours(-7));
    }

    String message(String path, int authorIndex) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        String subject = pick(VERBS) + " " + file.substring(0, file.lastIndexOf('.'));
        String reviewer = AUTHORS[(authorIndex + 1 + random.nextInt(AUTHORS.length - 1)) % AUTHORS.length][1];
        return subject + "\n\nSummary: " + capitalised(pick(WHYS)) + ".\n\nTest Plan: " + capitalised(pick(PLANS))
                + ".\n\nReviewers: " + reviewer + "\n";
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private String pick(String[] words) {
        return words[random.nextInt(words.length)];
    }
}
