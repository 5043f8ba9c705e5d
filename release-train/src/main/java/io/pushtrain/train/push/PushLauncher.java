package io.pushtrain.train.push;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushState;
import io.pushtrain.train.TrainException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/** Creates a push with one row per step of this server's step list. */
@Component
public class PushLauncher {

    private final PushRepository pushes;
    private final PushStepRepository steps;
    private final PushEngine engine;
    private final Clock clock;

    PushLauncher(PushRepository pushes, PushStepRepository steps, PushEngine engine, Optional<Clock> clock) {
        this.pushes = pushes;
        this.steps = steps;
        this.engine = engine;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Must run in a transaction; the caller kicks the engine after it committed. */
    public PushEntity create(long train, PushKind kind, String by) {
        pushes.findFirstByTrainIdAndStateOrderByIdDesc(train, PushState.RUNNING).ifPresent(p -> {
            throw new TrainException.Conflict("push " + p.id() + " is still running on this train; wait for it");
        });
        PushEntity push;
        try {
            push = pushes.saveAndFlush(new PushEntity(train, kind, by, clock.instant()));
        }
        catch (DataIntegrityViolationException raced) {
            throw new TrainException.Conflict("another push started on this train at the same moment");
        }
        List<String> names = engine.stepNames();
        for (int i = 0; i < names.size(); i++) {
            steps.save(new PushStepEntity(push.id(), i, names.get(i)));
        }
        return push;
    }

    public void kick(long push) {
        engine.kick(push);
    }
}
