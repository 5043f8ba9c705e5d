package io.pushtrain.train.trunk;

import java.util.List;

import org.eclipse.jgit.lib.ObjectId;

/**
 * The outcome of picking {@code source}: the new {@code commit} when it landed (else null),
 * the paths that conflict (empty unless {@link PickStatus#CONFLICT}), and a sentence for people.
 */
public record PickOutcome(PickStatus status, ObjectId source, ObjectId commit,
        List<String> conflictingPaths, String message) {

    public PickOutcome {
        conflictingPaths = List.copyOf(conflictingPaths);
    }

    static PickOutcome picked(ObjectId source, ObjectId commit) {
        return new PickOutcome(PickStatus.PICKED, source, commit, List.of(),
                "picked " + source.name() + " as " + commit.name());
    }

    static PickOutcome conflict(ObjectId source, List<String> paths) {
        return new PickOutcome(PickStatus.CONFLICT, source, null, paths,
                "cherry-pick of " + source.name() + " conflicts in " + String.join(", ", paths));
    }

    static PickOutcome refused(PickStatus status, ObjectId source, String message) {
        return new PickOutcome(status, source, null, List.of(), message);
    }
}
