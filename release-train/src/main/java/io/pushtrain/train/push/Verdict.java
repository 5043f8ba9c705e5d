package io.pushtrain.train.push;

import java.util.List;

/** Why a step holds a pick back from the push: the tests it broke, or the slowdown it brought. */
public sealed interface Verdict {

    /** A sentence for the pick's page and IRC. */
    String detail();

    /** Bisection found the pick breaks these tests. */
    record FailedTests(List<String> tests, String detail) implements Verdict {
    }

    /** Perflab found the pick makes the build slower by these verdicts. */
    record Slower(String verdicts, String detail) implements Verdict {
    }
}
