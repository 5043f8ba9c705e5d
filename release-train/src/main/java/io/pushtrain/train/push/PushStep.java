package io.pushtrain.train.push;

/**
 * One named step of every push. Steps are Spring beans ordered by {@code @Order}; a new
 * capability (tests, perf, distribution) adds a bean and the state machine does not change.
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
}
