/**
 * Perflab, a leaf module: runs a benchmark against trunk (A) and the release branch (B) interleaved,
 * judges each metric REGRESSION, IMPROVEMENT or NO_CHANGE on the paired runs (an exact sign test and a
 * bootstrap interval of the median paired ratio; Mann–Whitney U and the ratio of medians when unpaired), and reads JUnit XML reports for the test step. Its API is this package; the
 * sub-packages are internal. It imports nothing else of pushtrain: release-train calls it.
 */
@ApplicationModule(displayName = "perf-regression", allowedDependencies = {})
package io.pushtrain.perf;

import org.springframework.modulith.ApplicationModule;
