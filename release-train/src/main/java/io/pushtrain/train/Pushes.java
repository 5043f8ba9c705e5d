package io.pushtrain.train;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.pick.PickRepository;
import io.pushtrain.train.push.PresenceControl;
import io.pushtrain.train.push.PushPicks;
import io.pushtrain.train.push.PushEntity;
import io.pushtrain.train.push.PushLauncher;
import io.pushtrain.train.push.PushRepository;
import io.pushtrain.train.push.PushViews;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.annotation.Transactional;

/** Pushes: start one now, see how one is going. */
@Service
public class Pushes {

    private static final Logger log = LoggerFactory.getLogger(Pushes.class);

    private final PushRepository pushes;
    private final PushLauncher launcher;
    private final PushViews views;
    private final Trains trains;
    private final ApplicationEventPublisher events;
    private final PresenceControl presence;
    private final PickRepository pickRows;
    private final PushPicks pushPicks;
    private final AuditLog audit;

    Pushes(PushRepository pushes, PushLauncher launcher, PushViews views, Trains trains,
            ApplicationEventPublisher events, PresenceControl presence, PickRepository pickRows, PushPicks pushPicks,
            AuditLog audit) {
        this.audit = audit;
        this.pickRows = pickRows;
        this.pushPicks = pushPicks;
        this.presence = presence;
        this.pushes = pushes;
        this.launcher = launcher;
        this.views = views;
        this.trains = trains;
        this.events = events;
    }

    /** Starts a push of the given train (the current one when null); it runs in the background. */
    @Transactional
    public PushView start(Long train, PushKind kind, String by) {
        TrainView target = train == null
                ? trains.current().orElseThrow(() -> new TrainException(
                        "there is no release train to push; the release engineer cuts one first"))
                : trains.get(train);
        if (target.state() == TrainState.CLOSED) {
            throw new TrainException.Refused(target.branch() + " is closed: a newer train was cut");
        }
        PushEntity push = launcher.create(target.id(), kind, by);
        log.info("{} started {} push {} of {}", by, kind.name().toLowerCase(), push.id(), target.branch());
        audit.record(by, "push start", "push " + push.id(), kind.name().toLowerCase() + " push of " + target.branch(),
                null);
        events.publishEvent(new PushStarted(push.id(), target.id(), target.branch(), kind, by));
        kickAfterCommit(push.id());
        return views.of(push);
    }

    /**
     * Starts an emergency push of the current train with only the named picks, without the
     * presence wait; it starts on a frozen train too. Each pick must wait for a push on the
     * current train (approved, confirmed or deferred, in no push).
     */
    @Transactional
    public PushView startEmergency(List<Long> pickIds, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new TrainException.Invalid("say why this cannot wait for the next push (a reason): it is recorded"
                    + " with the push");
        }
        if (pickIds == null || pickIds.isEmpty() || pickIds.stream().anyMatch(java.util.Objects::isNull)) {
            throw new TrainException.Invalid("name the picks an emergency push takes: {\"picks\": [12, 13]}");
        }
        if (pickIds.size() > 100) {
            throw new TrainException.Invalid("an emergency push takes at most 100 picks, not " + pickIds.size());
        }
        TrainView target = trains.current().orElseThrow(() -> new TrainException(
                "there is no release train to push; the release engineer cuts one first"));
        PushEntity push = launcher.create(target.id(), PushKind.EMERGENCY, by);
        List<PickEntity> named = new java.util.ArrayList<>();
        for (Long id : new java.util.LinkedHashSet<>(pickIds)) {
            PickEntity pick = pickRows.findById(id).orElseThrow(() -> new TrainException.Unknown("there is no pick " + id));
            if (pick.trainId() != target.id()) {
                throw new TrainException.Refused("pick " + id + " is not on " + target.branch()
                        + ", the train an emergency push ships");
            }
            if (!pick.state().isQueued() || pick.pushId() != null) {
                throw new TrainException.Refused("pick " + id + " is " + pick.state()
                        + (pick.pushId() == null ? "" : " in push " + pick.pushId())
                        + "; an emergency push takes only approved picks that wait for a push");
            }
            named.add(pick);
        }
        push.emergency(reason.strip());
        pushPicks.takeForEmergency(push.id(), named, by);
        log.info("{} started emergency push {} of {} with picks {}: {}", by, push.id(), target.branch(),
                named.stream().map(PickEntity::id).toList(), reason.strip());
        audit.record(by, "push start", "push " + push.id(), "emergency push of " + target.branch() + " with picks "
                + named.stream().map(PickEntity::id).toList(), reason.strip());
        events.publishEvent(new PushStarted(push.id(), target.id(), target.branch(), PushKind.EMERGENCY, by));
        kickAfterCommit(push.id());
        return views.of(push);
    }

    /** Ends the push's presence wait now: whoever has not confirmed is deferred, the rest go on. */
    @Transactional
    public PushView endPresence(long id, String by) {
        PushEntity push = presence.end(id);
        log.info("{} ended the presence wait of push {}", by, id);
        audit.record(by, "presence end", "push " + id, null);
        kickAfterCommit(id);
        return views.of(push);
    }

    /** Moves the push's presence deadline later by {@code extension}. */
    @Transactional
    public PushView extendPresence(long id, PresenceExtension extension, String by) {
        PushEntity push = presence.extend(id, extension.by());
        log.info("{} extended the presence wait of push {} by {}, until {}", by, id, extension.words(),
                push.presenceDeadline());
        audit.record(by, "presence extend", "push " + id, "by " + extension.words() + ", until "
                + push.presenceDeadline(), null);
        kickAfterCommit(id);
        return views.of(push);
    }

    /** Skips one requester: their picks still waiting for presence are DEFERRED to the next push now. */
    @Transactional
    public PushView skipRequester(long id, String requester, String by) {
        if (requester == null || requester.isBlank()) {
            throw new TrainException.Invalid("name the requester to skip: {\"user\": \"dana\"}");
        }
        int skipped = presence.skip(id, requester.strip(), by);
        log.info("{} skipped {} in push {}: {} deferred", by, requester.strip(), id, skipped);
        audit.record(by, "presence skip", "push " + id, requester.strip() + ": " + skipped + " pick(s) deferred", null);
        kickAfterCommit(id);
        return views.of(pushes.findById(id).orElseThrow());
    }

    private void kickAfterCommit(long id) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                launcher.kick(id);
            }
        });
    }

    /**
     * Cancels a running push before it lands: the picks it holds go back to the queue, with the
     * reason, for the next push.
     */
    @Transactional
    public PushView cancel(long id, String by, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new TrainException.Invalid("say why the push is cancelled (a reason); its requesters read it");
        }
        PushEntity push = launcher.cancel(id, by, reason.strip());
        log.info("{} cancelled push {}: {}", by, id, reason.strip());
        audit.record(by, "push cancel", "push " + id, reason.strip());
        return views.of(push);
    }

    @Transactional(readOnly = true)
    public PushView get(long id) {
        return views.of(pushes.findById(id).orElseThrow(() -> new TrainException.Unknown("there is no push " + id)));
    }

    /** The newest push, running or not: what the dashboard opens on. */
    @Transactional(readOnly = true)
    public Optional<PushView> latest() {
        return pushes.findFirstByOrderByCreatedAtDescIdDesc().map(views::of);
    }

    /** Every push since a time, newest first, with the counts of what became of its picks; one query. */
    @Transactional(readOnly = true)
    public List<PushSummary> history(Instant since) {
        return pushes.summariesSince(since).stream().map(Pushes::summary).toList();
    }

    private static PushSummary summary(Object[] row) {
        return new PushSummary(number(row[0]), number(row[1]), (String) row[2], PushKind.valueOf((String) row[3]),
                PushState.valueOf((String) row[4]), (String) row[5], instant(row[6]), instant(row[7]),
                (int) number(row[8]), (int) number(row[9]), (int) number(row[10]), (int) number(row[11]),
                (int) number(row[12]));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    // The JDBC driver and Hibernate version decide which time type a native timestamptz comes back as.
    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected time type " + value.getClass());
    }

    /** Pushes, newest start first. */
    @Transactional(readOnly = true)
    public List<PushView> all() {
        return pushes.findAllByOrderByCreatedAtDescIdDesc().stream().map(views::of).toList();
    }
}
