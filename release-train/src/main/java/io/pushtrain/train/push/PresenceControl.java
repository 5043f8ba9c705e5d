package io.pushtrain.train.push;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.pushtrain.train.PushState;
import io.pushtrain.train.StepState;
import io.pushtrain.train.TrainException;
import io.pushtrain.train.pick.PickEntity;

import org.springframework.stereotype.Component;

/**
 * The release engineer's hand on a push's presence wait: end it now, extend its deadline, or
 * skip one requester. Each runs in the caller's transaction and only while the push's presence
 * step is waiting; the engine's next visit of the step does the rest (defers whoever is still
 * missing at the new deadline, or goes on when nobody is).
 */
@Component
public class PresenceControl {

    private final PushRepository pushes;
    private final PushStepRepository steps;
    private final PushPicks picks;
    private final Clock clock;

    PresenceControl(PushRepository pushes, PushStepRepository steps, PushPicks picks, Optional<Clock> clock) {
        this.pushes = pushes;
        this.steps = steps;
        this.picks = picks;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The deadline becomes now: whoever has not confirmed is deferred at the step's next visit. */
    public PushEntity end(long pushId) {
        waiting(pushId);
        if (pushes.endPresence(pushId, clock.instant()) != 1) {
            throw notWaiting(pushId, "it ended meanwhile");
        }
        return pushes.findById(pushId).orElseThrow();
    }

    public PushEntity extend(long pushId, Duration by) {
        waiting(pushId);
        if (pushes.extendPresence(pushId, by.toMillis() / 1000.0) != 1) {
            throw notWaiting(pushId, "it ended meanwhile");
        }
        return pushes.findById(pushId).orElseThrow();
    }

    /** Defers the requester's unconfirmed picks now; answers how many. */
    public int skip(long pushId, String requester, String by) {
        // The presence step locks the row too: a skip and the step's deferral at the deadline
        // do not both move the same picks.
        waiting(pushId);
        List<PickEntity> theirs = picks.awaitingPresence(pushId).stream()
            .filter(p -> p.requester().equals(requester)).toList();
        if (theirs.isEmpty()) {
            boolean confirmed = picks.inPush(pushId).stream().anyMatch(p -> p.requester().equals(requester));
            throw new TrainException.Refused(confirmed
                    ? requester + " has confirmed every pick of theirs in push " + pushId
                            + "; withdraw a pick to keep it out of this push"
                    : requester + " has no picks in push " + pushId + " waiting for presence");
        }
        theirs.forEach(pick -> picks.skip(pushId, pick, by));
        return theirs.size();
    }

    /** Locks the push row and checks that its presence step is waiting, with a deadline set. */
    private PushEntity waiting(long pushId) {
        PushEntity push = pushes.findByIdForUpdate(pushId)
            .orElseThrow(() -> new TrainException.Unknown("there is no push " + pushId));
        if (push.state() != PushState.RUNNING) {
            throw notWaiting(pushId, "it has ended (" + push.state() + ")");
        }
        StepState presence = steps.findByPushIdOrderByPositionAsc(pushId).stream()
            .filter(s -> s.name().equals("presence")).map(PushStepEntity::state).findFirst().orElse(null);
        if (presence == null) {
            throw notWaiting(pushId, "a " + push.kind().name().toLowerCase() + " push asks nobody to show up");
        }
        if (presence != StepState.RUNNING || push.presenceDeadline() == null) {
            throw notWaiting(pushId, presence == StepState.PENDING || presence == StepState.RUNNING
                    ? "it has not asked its requesters yet; try again in a moment"
                    : "its presence step is " + presence + " already");
        }
        return push;
    }

    private static TrainException.Refused notWaiting(long pushId, String why) {
        return new TrainException.Refused("push " + pushId + " is not waiting for presence: " + why);
    }
}
