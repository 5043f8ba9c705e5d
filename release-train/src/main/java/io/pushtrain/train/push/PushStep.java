package io.pushtrain.train.push;

/**
 * One named step of a push. Steps are Spring beans; a {@link PushPlan} names the steps of each
 * kind of push in order, and the engine runs them.
 *
 * <p>{@link #run} may be called again after a crash or while the step waits: it must check what
 * is already done before doing it.
 */
public interface PushStep {

    String name();

    /**
     * Whether the engine runs the step and records its result in one transaction. Steps with
     * effects outside the database (a branch moving, a build) say false and record their own
     * intent before acting.
     */
    default boolean transactional() {
        return true;
    }

    StepResult run(PushRun push);

    /** What the step would have said of a push recorded from history, in its own words. */
    default StepResult recorded(PastPushCounts push) {
        return StepResult.done("recorded from history");
    }
}
