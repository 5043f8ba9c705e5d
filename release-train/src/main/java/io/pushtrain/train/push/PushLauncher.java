package io.pushtrain.train.push;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushState;
import io.pushtrain.train.StepState;
import io.pushtrain.train.TrainException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Creates a push with one row per step of its kind's {@link PushPlan}, and cancels one. At most
 * one push runs at a time across all trains and nodes, and none starts while a train is cut: the
 * two take the same lock.
 */
@Component
public class PushLauncher {

    private final PushRepository pushes;
    private final PushStepRepository steps;
    private final PushEngine engine;
    private final PushEnding ending;
    private final Clock clock;

    PushLauncher(PushRepository pushes, PushStepRepository steps, PushEngine engine, PushEnding ending,
            Optional<Clock> clock) {
        this.pushes = pushes;
        this.steps = steps;
        this.engine = engine;
        this.ending = ending;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Must run in a transaction; the caller kicks the engine after it committed. */
    public PushEntity create(long train, PushKind kind, String by) {
        lockPushesAndCuts();
        running().ifPresent(p -> {
            throw new TrainException.Busy("push " + p.id() + " is still running; one push runs at a time,"
                    + " start this one when it has ended", "push", p.id());
        });
        PushEntity push;
        try {
            push = pushes.saveAndFlush(new PushEntity(train, kind, by, clock.instant()));
        }
        catch (DataIntegrityViolationException raced) {
            throw new TrainException.Refused("another push started at the same moment; one push runs at a time");
        }
        List<String> names = PushPlan.of(kind).steps();
        for (int i = 0; i < names.size(); i++) {
            steps.save(new PushStepEntity(push.id(), i, names.get(i)));
        }
        return push;
    }

    /** The push running now, on any train. */
    public Optional<PushEntity> running() {
        return pushes.findFirstByStateOrderByIdDesc(PushState.RUNNING);
    }

    /**
     * Serializes starting a push with cutting a train, across nodes, until the caller's
     * transaction ends: a cut and a push that start together cannot both go ahead.
     */
    public void lockPushesAndCuts() {
        pushes.lockPushesAndCuts();
    }

    /**
     * Cancels a running push that has not landed yet: its picks go back to the queue with the
     * reason. Must run in a transaction.
     */
    public PushEntity cancel(long pushId, String by, String reason) {
        PushEntity push = pushes.findByIdForUpdate(pushId)
            .orElseThrow(() -> new TrainException.Unknown("there is no push " + pushId));
        if (push.state() != PushState.RUNNING) {
            throw new TrainException.Refused("push " + pushId + " has ended already (" + push.state() + ")");
        }
        steps.findByPushIdOrderByPositionAsc(pushId).stream()
            .filter(s -> s.name().equals("land") && s.state() != StepState.PENDING).findFirst().ifPresent(s -> {
                throw new TrainException.Refused("push " + pushId + " has landed its picks on the branch already;"
                        + " pause or roll back its rollout instead");
            });
        ending.end(pushId, PushState.CANCELLED, "cancelled by " + by + ": " + reason);
        return push;
    }

    public void kick(long push) {
        engine.kick(push);
    }
}
