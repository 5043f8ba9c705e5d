package io.pushtrain.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.pushtrain.perf.junit.JUnitXml;
import io.pushtrain.perf.junit.LongestFirst;

/** Reads JUnit XML test reports and spreads suites over shards by how long they took before. */
public final class TestReports {

    private TestReports() {
    }

    /** One report's suites (surefire, failsafe, pytest, go-junit-report). */
    public static List<TestSuiteResult> parse(String xml) {
        return JUnitXml.parse(xml, "the test report");
    }

    /** Every {@code *.xml} report under a folder (e.g. {@code target/surefire-reports}), in path order. */
    public static List<TestSuiteResult> parseAll(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<TestSuiteResult> suites = new ArrayList<>();
            for (Path file : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                suites.addAll(JUnitXml.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            }
            return suites;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test reports under " + folder, e);
        }
    }

    /** Each suite's seconds in a past run; a suite reported twice (several reports) adds up. */
    public static Map<String, Double> pastSeconds(List<TestSuiteResult> suites) {
        Map<String, Double> seconds = new HashMap<>();
        suites.forEach(s -> seconds.merge(s.name(), s.seconds(), Double::sum));
        return seconds;
    }

    /** Spreads suites over {@code shards} longest first; a suite without history counts as a typical one. */
    public static List<TestShard> spread(List<String> suites, Map<String, Double> pastSeconds, int shards) {
        return LongestFirst.spread(suites, pastSeconds, shards);
    }
}
