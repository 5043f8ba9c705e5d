package io.pushtrain.train;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.pushtrain.distribution.RolloutView;
import io.pushtrain.karma.KarmaChange;
import io.pushtrain.train.audit.AuditTable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log: every state-changing action by a person or a program, one entry each, never
 * edited. The train's services record their own actions; front-ends record what they ask of
 * the leaf modules (karma, flags, rollouts, people), which cannot call the train. An entry is
 * written in the caller's transaction, so an action that rolls back leaves no entry.
 */
@Service
public class AuditLog {

    private static final int ACTOR = 100;
    private static final int ACTION = 60;
    private static final int KIND = 30;
    private static final int NAME = 200;
    private static final int DETAIL = 500;

    private final AuditTable table;
    private final Clock clock;

    AuditLog(AuditTable table, Optional<Clock> clock) {
        this.table = table;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Records that {@code actor} (a person, or a program such as {@code schedule}) did {@code action}
     * ({@code pick approve}) to {@code object} ({@code pick 42}) because of {@code reason} (or null).
     */
    @Transactional
    public void record(String actor, String action, String object, String reason) {
        record(actor, action, object, null, reason);
    }

    /** As {@link #record(String, String, String, String)}, with what the action changed in words. */
    @Transactional
    public void record(String actor, String action, String object, String detail, String reason) {
        String kind = kind(object);
        table.append(clock.instant(), cut(actor == null || actor.isBlank() ? "unknown" : actor, ACTOR),
                cut(action, ACTION), cut(kind, KIND), cut(name(object), NAME), cut(detail, DETAIL), reason);
    }

    /** Records a like or unlike the karma module made ({@code karma like}, {@code karma unlike}); answers it. */
    @Transactional
    public KarmaChange karma(String action, KarmaChange change) {
        record(change.by(), action, "user " + change.person(), change.from() + " -> " + change.to() + " stars",
                change.reason());
        return change;
    }

    /** Records what a person did to a rollout ({@code rollout pause}); answers the rollout. */
    @Transactional
    public RolloutView rollout(String actor, String action, RolloutView rollout) {
        record(actor, action, "rollout " + rollout.id(), "artifact " + rollout.artifactId() + ", " + rollout.state(),
                null);
        return rollout;
    }

    /** The entries the query asks for, newest first. */
    @Transactional(readOnly = true)
    public AuditPage find(AuditQuery query) {
        String kind = query.object() == null ? null : kind(query.object());
        String name = query.object() == null || name(query.object()).isEmpty() ? null : name(query.object());
        List<AuditEntry> entries = table.find(query.actor(), kind, name, query.since(), query.before(),
                query.limit() + 1);
        if (entries.size() <= query.limit()) {
            return new AuditPage(entries, null);
        }
        List<AuditEntry> page = entries.subList(0, query.limit());
        return new AuditPage(List.copyOf(page), page.get(page.size() - 1).id());
    }

    private static String kind(String object) {
        int space = object.indexOf(' ');
        return space < 0 ? object : object.substring(0, space);
    }

    private static String name(String object) {
        int space = object.indexOf(' ');
        return space < 0 ? "" : object.substring(space + 1).strip();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
