package io.pushtrain.dashboard.push;

import java.util.List;

import io.pushtrain.train.PickView;
import io.pushtrain.train.PushView;

/** Why a pick of a push ended as it did, in one sentence the requester can act on. */
final class PickOutcomeWords {

    private PickOutcomeWords() {
    }

    static String why(PushView.PushPickView pick, PickView full) {
        String detail = pick.detail() == null || pick.detail().isBlank() ? "" : " " + pick.detail();
        return switch (pick.state()) {
            case SHIPPED -> "Shipped as " + shortSha(pick.pickedCommit()) + ".";
            case MERGED, TESTED -> "Landed on the branch as " + shortSha(pick.pickedCommit()) + "; not shipped yet.";
            case CONFLICT -> "Conflicts with the branch in " + String.join(", ", pick.conflictingPaths())
                    + "; a backport (a resolved commit) lets the next push take it.";
            case DEFERRED -> deferred(pick);
            case FAILED_TESTS -> "Broke " + String.join(", ", failedTests(full))
                    + "; held back, the push went on without it.";
            case PERF_REGRESSION -> "Held back for a perf regression:" + detail;
            case REFUSED_KARMA -> "Refused: " + pick.requester() + "'s karma is too low for the train to take picks."
                    + detail;
            default -> pick.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "." + detail;
        };
    }

    /** A requester the release engineer skipped did not miss anything: say who skipped them. */
    private static String deferred(PushView.PushPickView pick) {
        String detail = pick.detail() == null ? "" : pick.detail().strip();
        if (detail.startsWith("skipped by ")) {
            return "S" + detail.substring(1) + ".";
        }
        return pick.requester() + " did not confirm presence before the deadline; it waits for the next push.";
    }

    private static List<String> failedTests(PickView full) {
        return full == null || full.failedTests() == null || full.failedTests().isEmpty() ? List.of("tests")
                : full.failedTests();
    }

    private static String shortSha(String sha) {
        return sha == null ? "?" : sha.substring(0, Math.min(10, sha.length()));
    }
}
