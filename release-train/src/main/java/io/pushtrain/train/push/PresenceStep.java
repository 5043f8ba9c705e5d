package io.pushtrain.train.push;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.pushtrain.train.PresenceRequested;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.pick.PickEntity;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A pick only goes out if its author shows up: waits until every requester in the push has
 * confirmed, or the deadline; the unconfirmed are deferred to the next push.
 */
@Component
class PresenceStep implements PushStep {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final PushLedger ledger;
    private final PushPicks picks;
    private final TrainProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PresenceStep(PushLedger ledger, PushPicks picks, TrainProperties properties, ApplicationEventPublisher events,
            Optional<Clock> clock) {
        this.ledger = ledger;
        this.picks = picks;
        this.properties = properties;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public String name() {
        return "presence";
    }

    @Override
    public StepResult run(PushRun run) {
        PushEntity push = ledger.lockedPush(run.id());
        List<PickEntity> inPush = picks.inPush(run.id());
        Instant now = clock.instant();
        if (push.presenceDeadline() == null) {
            push.presenceDeadline(now.plus(properties.push().presenceWindow()));
            events.publishEvent(new PresenceRequested(run.id(), push.presenceDeadline(), byRequester(inPush)));
        }
        List<PickEntity> waiting = picks.awaitingPresence(run.id());
        int confirmed = inPush.size() - waiting.size();
        if (inPush.isEmpty()) {
            return StepResult.done("nobody left to wait for: the release engineer skipped every requester");
        }
        if (waiting.isEmpty()) {
            return StepResult.done("all " + requesters(inPush).size() + " requesters confirmed");
        }
        if (now.isBefore(push.presenceDeadline())) {
            return StepResult.waiting(confirmed * 100 / inPush.size(), "waiting for "
                    + String.join(", ", requesters(waiting)) + " until "
                    + TIME.format(push.presenceDeadline().atZone(properties.zone())));
        }
        waiting.forEach(pick -> picks.defer(run.id(), pick));
        return StepResult.done(deferred(confirmed, waiting.size(), requesters(waiting)));
    }

    @Override
    public StepResult recorded(PastPushCounts push) {
        if (push.taken() == 0) {
            return StepResult.skipped("no picks, nobody to wait for");
        }
        return StepResult.done(push.deferred() == 0 ? "all " + push.present().size() + " requesters confirmed"
                : deferred(push.taken() - push.deferred(), push.deferred(), new TreeSet<>(push.absent())));
    }

    private static String deferred(int confirmed, int deferred, TreeSet<String> absent) {
        return confirmed + " confirmed, " + deferred + " deferred to the next push (" + String.join(", ", absent)
                + " did not show up)";
    }

    private static Map<String, List<Long>> byRequester(List<PickEntity> picks) {
        Map<String, List<Long>> map = new LinkedHashMap<>();
        for (PickEntity pick : picks) {
            map.computeIfAbsent(pick.requester(), r -> new ArrayList<>()).add(pick.id());
        }
        map.replaceAll((requester, ids) -> List.copyOf(ids));
        return map;
    }

    private static TreeSet<String> requesters(List<PickEntity> picks) {
        TreeSet<String> names = new TreeSet<>();
        picks.forEach(p -> names.add(p.requester()));
        return names;
    }
}
