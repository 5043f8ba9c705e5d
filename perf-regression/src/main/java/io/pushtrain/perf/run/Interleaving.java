package io.pushtrain.perf.run;

/**
 * The order of runs: pairs alternate A B, B A, A B, B A ... A build that always ran second would
 * always meet the machine a little warmer, fuller or busier; swapping the order every pair cancels a
 * steady drift, and running the builds side by side cancels a sudden one (a neighbour starting a job).
 */
public final class Interleaving {

    private Interleaving() {
    }

    /** Whether the first run of pair number {@code pair} (from 0) is the release build. */
    public static boolean releaseFirst(int pair) {
        return pair % 2 == 1;
    }
}
