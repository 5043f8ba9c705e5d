package io.pushtrain.perf;

/** Hears how far a comparison is: runs done of those planned (both builds counted). */
@FunctionalInterface
public interface PerfProgress {

    /** Hears nothing. */
    PerfProgress NONE = (done, planned) -> {
    };

    /** {@code planned} is the budget's most; it drops to {@code done} when the comparison stops early. */
    void runsDone(int done, int planned);
}
