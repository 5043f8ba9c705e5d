package io.pushtrain.perf;

/**
 * One test case from a JUnit XML report.
 *
 * @param suite its class (JUnit), module (pytest) or package (go), else its suite's name
 * @param name the test's name
 * @param status how it ended
 * @param seconds how long it took
 * @param message the failure's, error's or skip's message; empty when it passed
 */
public record TestCaseResult(String suite, String name, Status status, double seconds, String message) {

    /** How a test case ended. */
    public enum Status {
        PASSED,
        FAILED,
        ERROR,
        SKIPPED
    }

    public TestCaseResult {
        message = message == null ? "" : message;
    }

    /** Failed an assertion or broke with an error. */
    public boolean broken() {
        return status == Status.FAILED || status == Status.ERROR;
    }

    /** {@code suite.name}, how a person names the test. */
    public String fullName() {
        return suite.isEmpty() ? name : suite + "." + name;
    }
}
