package io.pushtrain.train;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A release train that ran before pushtrain did, with its pushes: what {@link PushHistory#record}
 * takes. The pushes may come in any order; they are recorded by start time and must not overlap.
 *
 * @param branch the release branch, such as {@code release/2026-11-01}
 * @param cutCommit the trunk commit (sha or unambiguous prefix) the branch was cut from
 * @param cutAt when it was cut
 * @param cutBy who (or what) cut it
 */
public record PastTrain(String branch, String cutCommit, Instant cutAt, String cutBy, List<PastPush> pushes) {

    public PastTrain {
        if (branch == null || branch.isBlank() || branch.length() > 200) {
            throw new TrainException.Invalid("name the train's branch (1 to 200 characters), such as release/2026-11-01");
        }
        if (cutCommit == null || cutCommit.isBlank()) {
            throw new TrainException.Invalid("say which trunk commit " + branch + " was cut from");
        }
        if (cutAt == null) {
            throw new TrainException.Invalid("say when " + branch + " was cut");
        }
        cutBy = cutBy == null || cutBy.isBlank() ? "history" : cutBy;
        pushes = pushes == null ? List.of()
                : pushes.stream().sorted(Comparator.comparing(PastPush::startedAt)).toList();
    }
}
