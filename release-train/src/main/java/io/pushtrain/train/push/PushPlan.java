package io.pushtrain.train.push;

import java.util.List;

import io.pushtrain.train.PushKind;

/**
 * The steps a push of one kind runs, in order: the one place that says what a push does. A new
 * step is a {@link PushStep} bean and its name here.
 *
 * <p>Both plans build before they land: the release branch only moves to a candidate that built
 * and passed its tests and Perflab, and a push that fails before {@code land} leaves the branch
 * where the hosts' build came from.
 *
 * @param endsBeforeWithNothingToShip for a push of picks, the step it does not reach when no pick is
 *     left to ship (all deferred, conflicted or held back): it ends DONE there, having built and
 *     distributed nothing; null for a push that ships no picks
 */
public record PushPlan(PushKind kind, List<String> steps, String endsBeforeWithNothingToShip) {

    /** The daily push: the approved picks whose authors showed up, judged, built, landed and shipped. */
    public static final PushPlan PICKS = new PushPlan(PushKind.PICKS,
            List.of("select", "presence", "merge", "test", "perf", "build", "land", "distribute", "done"), "build");

    /** The weekly push: the train as cut, built and shipped. */
    public static final PushPlan RELEASE = new PushPlan(PushKind.RELEASE, List.of("build", "distribute", "ship"),
            null);

    /** Only the named picks, already taken when it starts: no select, no presence wait. */
    public static final PushPlan EMERGENCY = new PushPlan(PushKind.EMERGENCY,
            List.of("merge", "test", "perf", "build", "land", "distribute", "done"), "build");

    public PushPlan {
        steps = List.copyOf(steps);
        if (endsBeforeWithNothingToShip != null && !steps.contains(endsBeforeWithNothingToShip)) {
            throw new IllegalArgumentException(endsBeforeWithNothingToShip + " is not a step of the plan");
        }
    }

    /** Whether, after this step, a push with no pick left to ship ends instead of going on. */
    public boolean endsHereWithNothingToShip(String step) {
        return endsBeforeWithNothingToShip != null
                && steps.indexOf(step) < steps.indexOf(endsBeforeWithNothingToShip);
    }

    public static PushPlan of(PushKind kind) {
        return switch (kind) {
            case PICKS -> PICKS;
            case RELEASE -> RELEASE;
            case EMERGENCY -> EMERGENCY;
        };
    }

    /** Every plan, for checking at start-up that each of their steps exists. */
    public static List<PushPlan> all() {
        return List.of(PICKS, RELEASE, EMERGENCY);
    }
}
