package io.pushtrain.perf;

import java.util.List;

/**
 * One {@code <testsuite>} of a JUnit XML report.
 *
 * @param name the suite's name (a test class for surefire, a package for go)
 * @param cases its test cases in report order
 */
public record TestSuiteResult(String name, List<TestCaseResult> cases) {

    public TestSuiteResult {
        cases = List.copyOf(cases);
    }

    /** The cases' time added up: what the suite costs a shard. */
    public double seconds() {
        return cases.stream().mapToDouble(TestCaseResult::seconds).sum();
    }

    public List<TestCaseResult> broken() {
        return cases.stream().filter(TestCaseResult::broken).toList();
    }

    public long count(TestCaseResult.Status status) {
        return cases.stream().filter(c -> c.status() == status).count();
    }
}
