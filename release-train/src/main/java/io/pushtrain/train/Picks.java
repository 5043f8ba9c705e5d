package io.pushtrain.train;

import java.time.Clock;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.pushtrain.karma.Karma;
import io.pushtrain.karma.KarmaStanding;
import io.pushtrain.karma.PickSample;
import io.pushtrain.karma.Reviews;
import io.pushtrain.karma.Risk;
import io.pushtrain.karma.RiskAssessor;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.pick.PickRepository;
import io.pushtrain.train.trunk.ChangeSize;
import io.pushtrain.train.trunk.TrunkAnalysis;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Cherry-pick requests: developers ask, the release engineer decides, requesters confirm. */
@Service
@Transactional
public class Picks {

    private static final Logger log = LoggerFactory.getLogger(Picks.class);
    private static final Set<PickState> OPEN = EnumSet.of(PickState.REQUESTED, PickState.APPROVED,
            PickState.CONFIRMED, PickState.DEFERRED, PickState.MERGED, PickState.TESTED, PickState.SHIPPED);

    private final PickRepository picks;
    private final Trains trains;
    private final TrunkMirror trunk;
    private final Karma karma;
    private final Reviews reviews;
    private final RiskAssessor risks;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PickProperties properties;
    private final AuditLog audit;

    Picks(PickRepository picks, Trains trains, TrunkMirror trunk, Karma karma, Reviews reviews, RiskAssessor risks,
            ApplicationEventPublisher events, Optional<Clock> clock, PickProperties properties, AuditLog audit) {
        this.audit = audit;
        this.properties = properties;
        this.picks = picks;
        this.trains = trains;
        this.trunk = trunk;
        this.karma = karma;
        this.reviews = reviews;
        this.risks = risks;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Requests a trunk commit for the current train; a commit that already has an open request
     * answers that request instead of making a second one.
     */
    public PickRequested request(PickRequest request) {
        TrainView train = trains.current().orElseThrow(() -> new TrainException(
                "there is no release train yet; the release engineer cuts one first"));
        if (request.reason() == null || request.reason().isBlank()) {
            throw new TrainException.Invalid("say why this commit must ship before the next train (a reason)");
        }
        trunk.fetch();
        RevCommit commit = trunk.resolve(request.commit()).orElseThrow(() -> new TrainException.Unknown(
                "unknown revision " + request.commit() + ": no such commit in trunk"));
        Optional<PickEntity> existing = openRequest(train.id(), commit.name());
        if (existing.isPresent()) {
            return new PickRequested(existing.get().toView(), true);
        }
        checkPickable(train, commit, request.mainline());
        ChangeSize size = new TrunkAnalysis(trunk.repository()).size(commit);
        PickEntity pick = new PickEntity(train.id(), commit.name(), commit.getShortMessage(), request.mainline(),
                request.reason().strip(), request.requester(), size.files(), size.lines(), clock.instant());
        KarmaStanding standing = karma.standing(request.requester());
        if (standing.refused()) {
            pick.refuseForKarma(standing.message(), clock.instant());
        }
        try {
            picks.saveAndFlush(pick);
        }
        catch (DataIntegrityViolationException raced) {
            return new PickRequested(openRequest(train.id(), commit.name()).orElseThrow(() -> raced).toView(), true);
        }
        assess(pick, commit);
        audit.record(request.requester(), "pick request", "pick " + pick.id(), commit.abbreviate(10).name(),
                request.reason().strip());
        log.info("{} requested pick {} of {} ({}) into {}", request.requester(), pick.id(), commit.abbreviate(10).name(),
                commit.getShortMessage(), train.branch());
        PickRequested requested = new PickRequested(pick.toView(), false);
        events.publishEvent(requested);
        return requested;
    }

    /** Size and review discussion against the recent picks: what the release engineer looks at. */
    private void assess(PickEntity pick, RevCommit commit) {
        int discussion = reviews.discussionOf(commit.name(), commit.getFullMessage()).score();
        Risk risk = risks.assessAndRecord(new PickSample("pick-" + pick.id(), pick.linesChanged(),
                pick.filesChanged(), discussion));
        pick.assess(discussion, risk.level().name(), risk.reason());
    }

    private void checkPickable(TrainView train, RevCommit commit, Integer mainline) {
        String sha = commit.abbreviate(10).name();
        if (!trunk.contains(trunk.trunkBranch(), commit)) {
            throw new TrainException.Invalid(sha + " is not on trunk (" + trunk.trunkBranch()
                    + "): only commits that landed on trunk can be picked");
        }
        if (trunk.contains(train.branch(), commit)) {
            throw new TrainException.Refused(sha + " is already on " + train.branch()
                    + ": it was on trunk when the train was cut");
        }
        if (commit.getParentCount() > 1 && mainline == null) {
            throw new TrainException.Invalid(sha + " is a merge commit: say which parent is the mainline"
                    + " (\"mainline\": 1 for the branch it was merged into)");
        }
        if (mainline != null && (mainline < 1 || mainline > commit.getParentCount())) {
            throw new TrainException.Invalid("mainline " + mainline + " does not exist: " + sha + " has "
                    + commit.getParentCount() + " parent(s)");
        }
    }

    private Optional<PickEntity> openRequest(long train, String sha) {
        return picks.findByTrainIdAndCommitShaAndStateIn(train, sha, OPEN).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public PickView get(long id) {
        return entity(id).toView();
    }

    /** Pick requests, newest first, optionally of one train and in one state. */
    @Transactional(readOnly = true)
    public List<PickView> list(Long train, PickState state) {
        List<PickEntity> found;
        if (train != null && state != null) {
            found = picks.findByTrainIdAndStateOrderByIdDesc(train, state);
        }
        else if (train != null) {
            found = picks.findByTrainIdOrderByIdDesc(train);
        }
        else if (state != null) {
            found = picks.findByStateOrderByIdDesc(state);
        }
        else {
            found = picks.findAllByOrderByIdDesc();
        }
        return found.stream().map(PickEntity::toView).toList();
    }

    /** Every request still waiting for a push (or for a decision), oldest first: the release engineer's queue. */
    @Transactional(readOnly = true)
    public List<PickView> queue() {
        return picks.findByStateInOrderByIdAsc(EnumSet.of(PickState.REQUESTED, PickState.APPROVED,
                PickState.CONFIRMED, PickState.DEFERRED)).stream().map(PickEntity::toView).toList();
    }

    /** The current train's picks in CONFLICT, oldest first: each waits for its requester's backport. */
    @Transactional(readOnly = true)
    public List<PickView> needingBackport() {
        return trains.current().map(train -> picks.findByTrainIdAndStateOrderByIdDesc(train.id(), PickState.CONFLICT)
            .stream().map(PickEntity::toView).sorted(Comparator.comparingLong(PickView::id)).toList())
            .orElse(List.of());
    }

    @Transactional(readOnly = true)
    public List<PickView> ofCommit(String sha) {
        return picks.findByCommitShaOrderByIdAsc(sha).stream().map(PickEntity::toView).toList();
    }

    /** The pick whose landing made this commit on a release branch, if a push made it. */
    @Transactional(readOnly = true)
    public Optional<PickView> madeAs(String pickedSha) {
        return picks.findByPickedCommitOrderByIdAsc(pickedSha).stream().findFirst().map(PickEntity::toView);
    }

    /**
     * Approves a pick; with {@code pushtrain.picks.self-approval: false} not the requester's own,
     * wherever the approval comes from (API, dashboard).
     */
    public PickView approve(long id, String by, String reason) {
        if (!properties.selfApproval() && entity(id).requester().equals(by)) {
            throw new TrainException.NotAllowed("pick " + id + " is your own, and this train has the two-person rule"
                    + " (pushtrain.picks.self-approval: false): another release engineer approves it");
        }
        return decide(id, PickState.APPROVED, by, reason);
    }

    public PickView reject(long id, String by, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new TrainException.Invalid("tell the requester why the pick is rejected (a reason)");
        }
        return decide(id, PickState.REJECTED, by, reason);
    }

    /** The requester is here for the coming push. */
    public PickView confirm(long id, String by) {
        PickEntity pick = entity(id);
        if (!pick.requester().equals(by)) {
            throw new TrainException.NotAllowed("only " + pick.requester() + ", who requested pick " + id
                    + ", can confirm it");
        }
        if (pick.state() == PickState.CONFIRMED) {
            return pick.toView();
        }
        if (pick.state() == PickState.REQUESTED) {
            throw new TrainException.Refused("pick " + id + " is not approved yet; confirm once it is");
        }
        pick.confirm(clock.instant());
        audit.record(by, "pick confirm", "pick " + id, null);
        log.info("{} confirmed presence for pick {}", by, id);
        return pick.toView();
    }

    /** Confirms every queued pick of a requester: IRC's {@code !here}. */
    public List<PickView> confirmAll(String by) {
        return picks.findByRequesterAndStateInOrderByIdAsc(by, EnumSet.of(PickState.APPROVED, PickState.DEFERRED))
            .stream().peek(p -> p.confirm(clock.instant()))
            .peek(p -> audit.record(by, "pick confirm", "pick " + p.id(), null)).map(PickEntity::toView).toList();
    }

    /**
     * The release engineer accepts a pick's perf regression, with a reason that is kept: the pick
     * queues again for the next push, and Perflab lets its slowdown pass there.
     */
    public PickView overridePerf(long id, String by, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new TrainException.Invalid("say why the slowdown is acceptable (a reason); it is kept with the pick");
        }
        PickEntity pick = entity(id);
        if (pick.state() != PickState.PERF_REGRESSION) {
            throw new TrainException.Refused("pick " + id + " is " + pick.state()
                    + "; only a pick held back for a perf regression can be overridden");
        }
        pick.overridePerf(by, reason.strip(), clock.instant());
        audit.record(by, "pick override", "pick " + id, "perf regression accepted", reason.strip());
        log.info("{} accepted the perf regression of pick {}: {}", by, id, reason.strip());
        PickView view = pick.toView();
        events.publishEvent(new PickDecided(view, by));
        return view;
    }

    /**
     * Resolves a pick in CONFLICT with a backport: a commit on trunk's remote, made on top of the
     * release branch by the original's author (with {@code git cherry-pick -x} and a resolution, or
     * by hand). The pick queues again and the next push lands the backport in its place; the
     * landed commit names the original in its trailer once. Only the requester or a release
     * engineer may supply it.
     */
    public PickView backport(long id, String commit, String by, boolean releaseEngineer) {
        PickEntity pick = entity(id);
        if (!releaseEngineer && !pick.requester().equals(by)) {
            throw new TrainException.NotAllowed("only " + pick.requester() + ", who requested pick " + id
                    + ", or a release engineer can supply its backport");
        }
        if (!pick.state().needsBackport()) {
            throw new TrainException.Refused("pick " + id + " is " + pick.state()
                    + "; only a pick in CONFLICT takes a backport");
        }
        TrainView train = trains.get(pick.trainId());
        if (trains.current().filter(current -> current.id() == train.id()).isEmpty()) {
            throw new TrainException.Refused("pick " + id + " was for " + train.branch() + ", which a newer train"
                    + " replaced; request the commit again for the current train");
        }
        RevCommit backport = new Backports(trunk).check(train, pick.commitSha(), commit);
        openRequest(pick.trainId(), pick.commitSha()).ifPresent(open -> {
            throw new TrainException.Refused("pick " + open.id() + " asks for " + pick.commitSha().substring(0, 10)
                    + " again; withdraw it, then supply the backport for pick " + id);
        });
        pick.backport(backport.name(), by, clock.instant());
        audit.record(by, "pick backport", "pick " + id, "backport " + backport.abbreviate(10).name(), null);
        log.info("{} supplied backport {} for pick {} ({})", by, backport.abbreviate(10).name(), id,
                pick.commitSha());
        PickView view = pick.toView();
        events.publishEvent(new PickDecided(view, by));
        return view;
    }

    /** Withdraws a request; only its requester or a release engineer may. */
    public PickView withdraw(long id, String by, boolean releaseEngineer) {
        PickEntity pick = entity(id);
        if (!releaseEngineer && !pick.requester().equals(by)) {
            throw new TrainException.NotAllowed("only " + pick.requester() + " or a release engineer can withdraw pick "
                    + id);
        }
        if (pick.pushId() != null) {
            throw new TrainException.Refused("pick " + id + " is in push " + pick.pushId()
                    + " already; ask the release engineer to reject it there");
        }
        pick.decide(PickState.WITHDRAWN, by, "withdrawn", clock.instant());
        audit.record(by, "pick withdraw", "pick " + id, null);
        events.publishEvent(new PickDecided(pick.toView(), by));
        return pick.toView();
    }

    private PickView decide(long id, PickState next, String by, String reason) {
        PickEntity pick = entity(id);
        if (pick.pushId() != null && next == PickState.REJECTED) {
            throw new TrainException.Refused("pick " + id + " is in running push " + pick.pushId());
        }
        pick.decide(next, by, reason, clock.instant());
        audit.record(by, next == PickState.APPROVED ? "pick approve" : "pick reject", "pick " + id, reason);
        log.info("{} {} pick {}{}", by, next == PickState.APPROVED ? "approved" : "rejected", id,
                reason == null ? "" : ": " + reason);
        PickView view = pick.toView();
        events.publishEvent(new PickDecided(view, by));
        return view;
    }

    private PickEntity entity(long id) {
        return picks.findById(id).orElseThrow(() -> new TrainException.Unknown("there is no pick " + id));
    }
}
