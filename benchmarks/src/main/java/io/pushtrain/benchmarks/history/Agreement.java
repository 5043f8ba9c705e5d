package io.pushtrain.benchmarks.history;

import io.pushtrain.train.trunk.PickStatus;

/** How pushtrain's verdict on a pick compares with git's. */
enum Agreement {
    AGREE("agree"),
    FALSE_CONFLICT("false conflict"),
    MISSED_CONFLICT("missed conflict"),
    WRONG_TREE("wrong tree"),
    EMPTY_DISAGREEMENT("empty disagreement"),
    GIT_FAILED("git failed otherwise");

    final String label;

    Agreement(String label) {
        this.label = label;
    }

    static Agreement of(Verdict ours, Verdict git) {
        if (git.status() == null) {
            return GIT_FAILED;
        }
        if (ours.status() == git.status()) {
            boolean sameTree = ours.status() != PickStatus.PICKED || ours.tree().equals(git.tree());
            return sameTree ? AGREE : WRONG_TREE;
        }
        if (ours.status() == PickStatus.EMPTY || git.status() == PickStatus.EMPTY) {
            return EMPTY_DISAGREEMENT;
        }
        return ours.status() == PickStatus.CONFLICT ? FALSE_CONFLICT : MISSED_CONFLICT;
    }
}
