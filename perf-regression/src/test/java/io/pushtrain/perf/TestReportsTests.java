package io.pushtrain.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.pushtrain.perf.TestCaseResult.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.pushtrain.perf.BenchmarkOutputTests.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TestReportsTests {

    static Stream<Arguments> reportsAndTheirCases() {
        return Stream.of(
                arguments("/junit/TEST-io.pushtrain.karma.risk.RiskModelTests.xml", List.of("io.pushtrain.karma.risk.RiskModelTests"),
                        List.of(
                                tuple("io.pushtrain.karma.risk.RiskModelTests", "[1] 50, 5, 3, LOW", Status.PASSED, 0.051, ""),
                                tuple("io.pushtrain.karma.risk.RiskModelTests", "aHugePickIsHighRisk", Status.FAILED, 0.003,
                                        "expected: HIGH\n but was: MEDIUM"),
                                tuple("io.pushtrain.karma.risk.RiskModelTests", "anEmptyHistoryUsesTheGuides", Status.ERROR, 0.120,
                                        "java.lang.NullPointerException: Cannot invoke \"java.util.List.size()\" because \"samples\" is null"),
                                tuple("io.pushtrain.karma.risk.RiskModelTests", "discussionScoresWeighReplies", Status.SKIPPED, 0.0,
                                        "not on this platform"))),
                arguments("/junit/pytest.xml", List.of("pytest"),
                        List.of(
                                tuple("tests.test_feed", "test_ranking_is_stable", Status.PASSED, 0.612, ""),
                                tuple("tests.test_feed", "test_empty_feed[us]", Status.FAILED, 0.020,
                                        "AssertionError: assert [] == ['story-1']"),
                                tuple("tests.test_auth", "test_login", Status.PASSED, 0.588, ""))),
                arguments("/junit/go-junit-report.xml", List.of("example.com/www/tracker", "example.com/www/seed"),
                        List.of(
                                tuple("example.com/www/tracker", "TestAnnounceReturnsRackPeersFirst", Status.PASSED, 1.5, ""),
                                tuple("example.com/www/tracker", "TestIPv6", Status.SKIPPED, 0.010, "tracker_test.go:88: no IPv6 here"),
                                tuple("example.com/www/seed", "TestSeedResumes", Status.PASSED, 1234.5, ""))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reportsAndTheirCases")
    void reportsOfEveryToolGiveSuitesAndCasesWithStatusTimeAndMessage(String report, List<String> suites,
            List<org.assertj.core.groups.Tuple> cases) throws IOException {
        List<TestSuiteResult> parsed = TestReports.parse(resource(report));

        assertThat(parsed).extracting(TestSuiteResult::name).containsExactlyElementsOf(suites);
        assertThat(parsed.stream().flatMap(s -> s.cases().stream()))
                .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status, TestCaseResult::seconds,
                        c -> c.message().strip())
                .containsExactlyElementsOf(cases);
    }

    @Test
    void aSuiteKnowsItsTimeAndItsBrokenCases() throws IOException {
        TestSuiteResult suite = TestReports.parse(resource("/junit/TEST-io.pushtrain.karma.risk.RiskModelTests.xml")).get(0);

        assertThat(suite.seconds()).isCloseTo(0.174, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(suite.broken()).extracting(TestCaseResult::fullName).containsExactly(
                "io.pushtrain.karma.risk.RiskModelTests.aHugePickIsHighRisk",
                "io.pushtrain.karma.risk.RiskModelTests.anEmptyHistoryUsesTheGuides");
        assertThat(suite.count(Status.SKIPPED)).isEqualTo(1);
    }

    @Test
    void aFolderOfReportsIsReadInPathOrder(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("TEST-b.xml"), resource("/junit/pytest.xml"));
        Files.writeString(folder.resolve("TEST-a.xml"), resource("/junit/TEST-io.pushtrain.karma.risk.RiskModelTests.xml"));
        Files.writeString(folder.resolve("TEST-a.txt"), "not a report");

        assertThat(TestReports.parseAll(folder)).extracting(TestSuiteResult::name)
                .containsExactly("io.pushtrain.karma.risk.RiskModelTests", "pytest");
    }

    @Test
    void aBrokenReportNamesItsLine() {
        assertThatThrownBy(() -> TestReports.parse("<testsuite name=\"x\">\n<testcase name=\"a\">\n</testsuite>"))
                .isInstanceOf(PerfException.Malformed.class)
                .hasMessageStartingWith("the test report line 3:");
        assertThatThrownBy(() -> TestReports.parse("<html/>"))
                .isInstanceOf(PerfException.Malformed.class)
                .hasMessageContaining("expected <testsuite> or <testsuites>, found <html>");
    }

    @Test
    void suitesSpreadLongestFirstOntoTheLightestShard() {
        Map<String, Double> past = Map.of("A", 7.0, "B", 5.0, "C", 4.0, "D", 3.0, "E", 3.0, "F", 2.0);

        List<TestShard> shards = TestReports.spread(List.of("F", "E", "D", "C", "B", "A"), past, 3);

        assertThat(shards).extracting(TestShard::index, TestShard::suites, TestShard::seconds).containsExactly(
                tuple(0, List.of("A", "F"), 9.0),
                tuple(1, List.of("B", "E"), 8.0),
                tuple(2, List.of("C", "D"), 7.0));
    }

    @Test
    void aSuiteWithoutHistoryCountsAsATypicalOneAndShardsMayStayEmpty() {
        Map<String, Double> past = Map.of("A", 10.0, "B", 2.0, "C", 4.0);

        List<TestShard> shards = TestReports.spread(List.of("A", "B", "C", "New"), past, 5);

        assertThat(shards).extracting(TestShard::suites).containsExactly(
                List.of("A"), List.of("C"), List.of("New"), List.of("B"), List.of());
        assertThat(shards.get(2).seconds()).isEqualTo(4.0);
    }

    @Test
    void pastSecondsComeFromAnEarlierRunsReports() throws IOException {
        List<TestSuiteResult> lastRun = TestReports.parse(resource("/junit/go-junit-report.xml"));

        Map<String, Double> past = TestReports.pastSeconds(lastRun);

        assertThat(past).containsOnlyKeys("example.com/www/seed", "example.com/www/tracker");
        assertThat(past.get("example.com/www/seed")).isEqualTo(1234.5);
        assertThat(past.get("example.com/www/tracker")).isCloseTo(1.51, org.assertj.core.api.Assertions.within(1e-9));
    }
}
