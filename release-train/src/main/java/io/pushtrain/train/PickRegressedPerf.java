package io.pushtrain.train;

/** Published when Perflab found that a pick made the build slower; the push goes on without it. */
public record PickRegressedPerf(long push, long pick, String requester, String commit, String verdicts) {
}
