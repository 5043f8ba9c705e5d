package io.pushtrain.distribution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pushtrain.distribution.DistributionProperties.Unhealthy;
import io.pushtrain.distribution.RolloutView.RackProgress;
import io.pushtrain.distribution.RolloutView.TierProgress;
import io.pushtrain.distribution.artifact.ArtifactEntity;
import io.pushtrain.distribution.artifact.ArtifactRepository;
import io.pushtrain.distribution.host.HostRepository;
import io.pushtrain.distribution.rollout.RolloutEntity;
import io.pushtrain.distribution.rollout.RolloutRepository;
import io.pushtrain.distribution.rollout.RolloutTierEntity;
import io.pushtrain.distribution.rollout.RolloutTierRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rollouts move an artifact through the tiers ({@code pushtrain.distribution.tiers}) one at a
 * time: a tier gets the artifact as its desired build, and the next tier follows when every host
 * of the tier runs it and the tier's bake ({@code pushtrain.distribution.bake.<tier>}) is over. A tier
 * whose hosts report unhealthy (see {@link TierGate}) pauses the rollout or rolls it back, with the
 * reason. Everything is in the database, so a restart resumes; ticks lock the row
 * and skip it when another node is ticking, so several nodes never advance a rollout twice.
 */
@Service
@Transactional
public class Rollouts {

    private static final Logger log = LoggerFactory.getLogger(Rollouts.class);

    private final RolloutRepository rollouts;
    private final RolloutTierRepository tiers;
    private final ArtifactRepository artifacts;
    private final HostRepository hostRows;
    private final Hosts hosts;
    private final DistributionProperties properties;
    private final ApplicationEventPublisher events;
    private final TierGate gate;
    private final Clock clock = Clock.systemUTC();

    Rollouts(RolloutRepository rollouts, RolloutTierRepository tiers, ArtifactRepository artifacts,
            HostRepository hostRows, Hosts hosts, DistributionProperties properties, ApplicationEventPublisher events,
            TierGate gate) {
        this.gate = gate;
        this.rollouts = rollouts;
        this.tiers = tiers;
        this.artifacts = artifacts;
        this.hostRows = hostRows;
        this.hosts = hosts;
        this.properties = properties;
        this.events = events;
    }

    /**
     * Starts rolling the artifact out: the first tier's desired build becomes the artifact.
     *
     * @throws DistributionException.NotFound for an unknown artifact
     * @throws DistributionException.Conflict while another rollout runs or is paused
     */
    public RolloutView start(String artifactId) {
        if (artifactId == null || !artifacts.existsById(artifactId)) {
            throw new DistributionException.NotFound("no artifact " + artifactId + ": publish it first");
        }
        Optional<RolloutEntity> active = rollouts.findFirstByStateInOrderByIdDesc(
                List.of(RolloutState.RUNNING, RolloutState.PAUSED));
        if (active.isPresent()) {
            throw busy(active.get());
        }
        Map<String, String> before = hosts.desiredByTier();
        RolloutEntity rollout;
        try {
            rollout = rollouts.saveAndFlush(new RolloutEntity(artifactId, now()));
        }
        catch (DataIntegrityViolationException ex) {
            throw new DistributionException.Conflict("another rollout started a moment ago: roll it back or wait until it is done");
        }
        List<String> order = properties.distribution().tiers();
        for (int i = 0; i < order.size(); i++) {
            tiers.save(new RolloutTierEntity(rollout.id(), i, order.get(i), before.get(order.get(i))));
        }
        tiers.flush();
        advance(rollout);
        return view(rollout);
    }

    /** Stops advancing to further tiers; the tiers reached keep the artifact. */
    public RolloutView pause(long id) {
        return move(id, RolloutState.PAUSED);
    }

    /** Advances again, at once if the current tier has converged meanwhile. */
    public RolloutView resume(long id) {
        return move(id, RolloutState.RUNNING);
    }

    /**
     * Every tier's desired build goes back to what it was before the rollout started; hosts then
     * switch back. A rollout that is done may be rolled back while no later one started.
     */
    public RolloutView rollBack(long id) {
        RolloutEntity rollout = locked(id);
        if (rollout.state() == RolloutState.DONE
                && rollouts.findFirstByOrderByIdDesc().map(r -> r.id() != id).orElse(false)) {
            throw new DistributionException.Conflict("rollout " + id + " is done and a later rollout started;"
                    + " roll back that one, or start a rollout of the build you want");
        }
        check(rollout, RolloutState.ROLLED_BACK);
        restorePrevious(rollout);
        rollout.moveTo(RolloutState.ROLLED_BACK, now());
        events.publishEvent(new RolloutFinished(id, rollout.artifactId(), RolloutState.ROLLED_BACK));
        return view(rollout);
    }

    private void restorePrevious(RolloutEntity rollout) {
        for (RolloutTierEntity tier : tiers.findByRolloutIdOrderByPosition(rollout.id())) {
            hosts.desire(tier.tier(), tier.previousArtifactId());
        }
    }

    /**
     * Advances every running rollout whose current tier has converged; a rollout another node is
     * ticking right now is left to it. Idempotent: ticking twice changes nothing more.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void tick() {
        for (long id : rollouts.running()) {
            rollouts.lockUnlessBusy(id).ifPresent(this::advance);
        }
    }

    @Transactional(readOnly = true)
    public Optional<RolloutView> get(long id) {
        return rollouts.findById(id).map(this::view);
    }

    /** Every rollout, newest first. */
    @Transactional(readOnly = true)
    public List<RolloutView> list() {
        return rollouts.findAllByOrderByIdDesc().stream().map(this::view).toList();
    }

    private RolloutView move(long id, RolloutState next) {
        RolloutEntity rollout = locked(id);
        if (rollout.state() == next) {
            return view(rollout);
        }
        check(rollout, next);
        rollout.moveTo(next, now());
        advance(rollout);
        return view(rollout);
    }

    /** With the row locked: the current tier converged? then the next tier, and so on. */
    private void advance(RolloutEntity rollout) {
        if (rollout.state() != RolloutState.RUNNING) {
            return;
        }
        List<RolloutTierEntity> order = tiers.findByRolloutIdOrderByPosition(rollout.id());
        while (rollout.state() == RolloutState.RUNNING) {
            if (rollout.tierIndex() >= order.size()) {
                finish(rollout);
                return;
            }
            RolloutTierEntity tier = order.get(rollout.tierIndex());
            if (!tier.reached()) {
                hosts.desire(tier.tier(), rollout.artifactId());
                tier.reach(now());
            }
            Instant lostBefore = hosts.lostBefore();
            if (stopped(rollout, order, lostBefore)) {
                return;
            }
            if (hostRows.countBehind(tier.tier(), rollout.artifactId(), lostBefore) > 0) {
                return;
            }
            // LOST hosts do not hold the tier up; the tier remembers whom it did not wait for.
            tier.converge(now(), hostRows.lostBehind(tier.tier(), rollout.artifactId(), lostBefore));
            if (baking(rollout, tier, order.size())) {
                return;
            }
            if (bakeEndsAt(tier, order.size()) != null) {
                log.info("Rollout {} of {}: {} baked {} with every host healthy; on to {}", rollout.id(),
                        rollout.artifactId(), tier.tier(), properties.distribution().bakeOf(tier.tier()),
                        order.get(tier.position() + 1).tier());
            }
            rollout.nextTier(now());
        }
    }

    /** Every tier the build reached keeps its gate: a canary host that turns unhealthy stops a rollout already at prod. */
    private boolean stopped(RolloutEntity rollout, List<RolloutTierEntity> order, Instant lostBefore) {
        for (RolloutTierEntity tier : order.subList(0, rollout.tierIndex() + 1)) {
            Optional<String> stop = gate.stops(tier.tier(), rollout.artifactId(), lostBefore);
            if (stop.isPresent()) {
                halt(rollout, tier.tier(), stop.get());
                return true;
            }
        }
        return false;
    }

    /** Whether the tier still bakes: a rollout moves to the next tier only when the tier's bake is over. */
    private boolean baking(RolloutEntity rollout, RolloutTierEntity tier, int tierCount) {
        Instant ends = bakeEndsAt(tier, tierCount);
        if (ends == null || !now().isBefore(ends)) {
            return false;
        }
        if (rollout.updatedAt().isBefore(tier.convergedAt())) {
            rollout.touch(now());
            log.info("Rollout {} of {}: every host of {} runs it; baking {} until {} before {}", rollout.id(),
                    rollout.artifactId(), tier.tier(), properties.distribution().bakeOf(tier.tier()), ends,
                    tiers.findByRolloutIdOrderByPosition(rollout.id()).get(tier.position() + 1).tier());
        }
        return true;
    }

    /** When the tier's bake ends; null when it has none (not converged, no bake, or the last tier). */
    private Instant bakeEndsAt(RolloutTierEntity tier, int tierCount) {
        Duration bake = properties.distribution().bakeOf(tier.tier());
        if (!tier.converged() || bake.isZero() || tier.position() + 1 >= tierCount) {
            return null;
        }
        return tier.convergedAt().plus(bake);
    }

    /** The tier's health gate stopped the rollout: pause it or roll it back, as configured, and say why. */
    private void halt(RolloutEntity rollout, String tier, String why) {
        boolean rollBack = properties.distribution().unhealthy().action() == Unhealthy.Action.ROLLBACK;
        RolloutState next = rollBack ? RolloutState.ROLLED_BACK : RolloutState.PAUSED;
        String reason = (rollBack ? "rolled back by the health gate: " : "paused by the health gate: ") + why;
        if (rollBack) {
            restorePrevious(rollout);
        }
        rollout.halt(next, reason, now());
        log.warn("Rollout {} of {} {}", rollout.id(), rollout.artifactId(), reason);
        String push = artifacts.findById(rollout.artifactId()).map(ArtifactEntity::push).orElse(null);
        events.publishEvent(new RolloutHalted(rollout.id(), rollout.artifactId(), push, tier, next, reason));
        if (rollBack) {
            events.publishEvent(new RolloutFinished(rollout.id(), rollout.artifactId(), RolloutState.ROLLED_BACK));
        }
    }

    private void finish(RolloutEntity rollout) {
        rollout.moveTo(RolloutState.DONE, now());
        events.publishEvent(new RolloutFinished(rollout.id(), rollout.artifactId(), RolloutState.DONE));
    }

    private RolloutEntity locked(long id) {
        return rollouts.lock(id).orElseThrow(() -> new DistributionException.NotFound("no rollout " + id));
    }

    private static void check(RolloutEntity rollout, RolloutState next) {
        if (!rollout.state().canMoveTo(next)) {
            throw new DistributionException.Conflict("rollout " + rollout.id() + " is " + rollout.state()
                    + " and cannot become " + next);
        }
    }

    private static DistributionException.Conflict busy(RolloutEntity active) {
        return new DistributionException.Conflict("rollout " + active.id() + " of " + active.artifactId() + " is "
                + active.state() + ": let it finish or roll it back before starting another");
    }

    private RolloutView view(RolloutEntity rollout) {
        Map<String, String> desired = hosts.desiredByTier();
        Map<String, List<RackProgress>> racks = new LinkedHashMap<>();
        for (Object[] row : hostRows.countByTierAndRack(rollout.artifactId())) {
            racks.computeIfAbsent((String) row[0], t -> new ArrayList<>()).add(
                    new RackProgress((String) row[1], ((Number) row[2]).longValue(), ((Number) row[3]).longValue()));
        }
        List<RolloutTierEntity> order = tiers.findByRolloutIdOrderByPosition(rollout.id());
        List<TierProgress> progress = new ArrayList<>();
        Instant lostBefore = hosts.lostBefore();
        for (RolloutTierEntity tier : order) {
            List<RackProgress> tierRacks = racks.getOrDefault(tier.tier(), List.of());
            List<String> skipped = tier.converged() ? tier.skipped()
                    : tier.reached() && rollout.state().active()
                            ? hostRows.lostBehind(tier.tier(), rollout.artifactId(), lostBefore) : List.of();
            Instant bakeEnds = bakeEndsAt(tier, order.size());
            // A paused rollout does not move on when the bake ends: it is not said to bake.
            boolean bakingNow = bakeEnds != null && rollout.state() == RolloutState.RUNNING
                    && rollout.tierIndex() == tier.position();
            List<String> unhealthy = tier.reached() ? hostRows.unhealthy(tier.tier(), rollout.artifactId(), lostBefore)
                    .stream().map(h -> h.name()).toList() : List.of();
            progress.add(new TierProgress(tier.tier(), desired.get(tier.tier()), tier.reached(),
                    tierRacks.stream().mapToLong(RackProgress::hosts).sum(),
                    tierRacks.stream().mapToLong(RackProgress::running).sum(), List.copyOf(tierRacks),
                    List.copyOf(skipped), tier.convergedAt(), bakeEnds,
                    bakingNow ? Math.max(0, (Duration.between(now(), bakeEnds).toMillis() + 999) / 1000) : 0,
                    unhealthy));
        }
        String current = rollout.state().active() && rollout.tierIndex() < order.size()
                ? order.get(rollout.tierIndex()).tier() : null;
        return new RolloutView(rollout.id(), rollout.artifactId(), rollout.state(), current, rollout.startedAt(),
                rollout.updatedAt(), rollout.endedAt(), List.copyOf(progress), rollout.reason());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
