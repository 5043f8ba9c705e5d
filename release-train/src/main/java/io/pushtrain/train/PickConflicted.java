package io.pushtrain.train;

import java.util.List;

/** Published when a pick did not apply cleanly; the push went on without it. */
public record PickConflicted(long push, long pick, String requester, String commit, List<String> paths) {
}
