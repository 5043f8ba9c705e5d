package io.pushtrain.train.push;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.pushtrain.train.PickDeferred;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PresenceRequested;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.pick.PickRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A pick only goes out if its author shows up: waits until every requester in the push has
 * confirmed, or the deadline; the unconfirmed are deferred to the next push.
 */
@Component
@Order(200)
class PresenceStep implements PushStep {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final PushRepository pushes;
    private final PushPickRepository pushPicks;
    private final PickRepository picks;
    private final TrainProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PresenceStep(PushRepository pushes, PushPickRepository pushPicks, PickRepository picks,
            TrainProperties properties, ApplicationEventPublisher events, Optional<Clock> clock) {
        this.pushes = pushes;
        this.pushPicks = pushPicks;
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
        List<PickEntity> inPush = picks.findByPushIdOrderByIdAsc(run.id());
        if (inPush.isEmpty()) {
            return StepResult.skipped("no picks, nobody to wait for");
        }
        PushEntity push = pushes.findById(run.id()).orElseThrow();
        Instant now = clock.instant();
        if (push.presenceDeadline() == null) {
            push.presenceDeadline(now.plus(properties.push().presenceWindow()));
            events.publishEvent(new PresenceRequested(run.id(), push.presenceDeadline(), byRequester(inPush)));
        }
        List<PickEntity> waiting = inPush.stream().filter(p -> p.state() != PickState.CONFIRMED).toList();
        int confirmed = inPush.size() - waiting.size();
        if (waiting.isEmpty()) {
            return StepResult.done("all " + requesters(inPush).size() + " requesters confirmed");
        }
        if (now.isBefore(push.presenceDeadline())) {
            return StepResult.waiting(confirmed * 100 / inPush.size(), "waiting for "
                    + String.join(", ", requesters(waiting)) + " until "
                    + TIME.format(push.presenceDeadline().atZone(zone())));
        }
        waiting.forEach(pick -> defer(run.id(), pick, now));
        return StepResult.done(confirmed + " confirmed, " + waiting.size() + " deferred to the next push ("
                + String.join(", ", requesters(waiting)) + " did not show up)");
    }

    private void defer(long pushId, PickEntity pick, Instant now) {
        if (pick.state() != PickState.DEFERRED) {
            pick.moveTo(PickState.DEFERRED, now);
        }
        pick.leavePush();
        pick.outcome("no presence in push " + pushId + ": waits for the next push");
        pushPicks.findById(new PushPickEntity.Key(pushId, pick.id())).ifPresent(p -> p.outcome(PickState.DEFERRED));
        events.publishEvent(new PickDeferred(pushId, pick.id(), pick.requester(), pick.commitSha()));
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

    private ZoneId zone() {
        return properties.zone();
    }
}
