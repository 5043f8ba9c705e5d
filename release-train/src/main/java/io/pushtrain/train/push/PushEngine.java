package io.pushtrain.train.push;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.pushtrain.train.PushState;
import io.pushtrain.train.PushStepChanged;
import io.pushtrain.train.StepState;
import io.pushtrain.train.TrainException;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.cut.TrainRepository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives running pushes through the steps of their {@link PushPlan}. The database is the state:
 * any node can pick up a push whose lease ran out (its driver died) and go on from the first
 * unfinished step. A step that finds a remote not answering is run again after a backoff.
 */
@Component
public class PushEngine {

    private static final Logger log = LoggerFactory.getLogger(PushEngine.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PushRepository pushes;
    private final PushStepRepository steps;
    private final TrainRepository trains;
    private final Map<String, PushStep> stepsByName;
    private final PushPicks picks;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final PushEnding ending;
    private final PushProbe probe;
    private final Candidates candidates;
    private final TrainProperties.Push settings;
    private final Clock clock;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** The step of each push this node last caught up for: the fetch runs once per step here, not per tick. */
    private final Map<Long, String> caughtUp = new ConcurrentHashMap<>();
    private final ExecutorService drivers = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "push-driver");
        thread.setDaemon(true);
        return thread;
    });

    PushEngine(PushRepository pushes, PushStepRepository steps, TrainRepository trains, List<PushStep> beans,
            PushPicks picks, TransactionTemplate tx, ApplicationEventPublisher events, PushEnding ending,
            PushProbe probe, Candidates candidates, TrainProperties properties, Optional<Clock> clock) {
        this.pushes = pushes;
        this.steps = steps;
        this.trains = trains;
        this.stepsByName = beans.stream().collect(Collectors.toMap(PushStep::name, Function.identity()));
        this.picks = picks;
        this.tx = tx;
        this.events = events;
        this.ending = ending;
        this.probe = probe;
        this.candidates = candidates;
        this.settings = properties.push();
        this.clock = clock.orElse(Clock.systemUTC());
        checkPlans();
    }

    /** Every step a plan names exists, and every step exists for a plan: caught at start-up, not mid-push. */
    private void checkPlans() {
        Set<String> planned = new TreeSet<>();
        for (PushPlan plan : PushPlan.all()) {
            for (String name : plan.steps()) {
                if (!stepsByName.containsKey(name)) {
                    throw new IllegalStateException("the " + plan.kind() + " plan names a step '" + name
                            + "' that no PushStep bean is called");
                }
                planned.add(name);
            }
        }
        Set<String> unplanned = new TreeSet<>(stepsByName.keySet());
        unplanned.removeAll(planned);
        if (!unplanned.isEmpty()) {
            throw new IllegalStateException("steps in no plan: " + unplanned + "; add them to a PushPlan");
        }
    }

    /** Drives the push now instead of at the next tick. */
    public void kick(long pushId) {
        drivers.execute(() -> drive(pushId));
    }

    /** Resumes pushes left running by a crash, renews leases, and revisits waiting steps. */
    @Scheduled(fixedDelayString = "${pushtrain.push.tick:1s}", initialDelayString = "${pushtrain.push.first-tick:2s}")
    public void tick() {
        for (PushEntity push : pushes.findByStateOrderByIdAsc(PushState.RUNNING)) {
            if (inFlight.contains(push.id())) {
                claim(push.id());
            }
            else {
                kick(push.id());
            }
        }
    }

    void drive(long pushId) {
        if (!inFlight.add(pushId)) {
            return;
        }
        try {
            Optional<String> before = pushes.findById(pushId).map(PushEntity::owner).filter(owner -> !owner.equals(node));
            boolean claimed = claim(pushId);
            if (claimed && before.isPresent()) {
                log.warn("Push {}: taken over by {} from {}, whose lease ran out", pushId, node, before.get());
            }
            while (claimed && advance(pushId)) {
                // one step after another until the push waits, fails or ends
                claimed = claim(pushId);
            }
        }
        catch (RuntimeException ex) {
            log.error("Push {} could not advance; it will be retried", pushId, ex);
        }
        finally {
            inFlight.remove(pushId);
        }
    }

    private boolean claim(long pushId) {
        Instant now = clock.instant();
        Integer claimed = tx.execute(status -> pushes.claim(pushId, node, now, now.plus(settings.lease())));
        return claimed != null && claimed == 1;
    }

    /** Runs the current step once; answers whether to go straight on to the next. */
    private boolean advance(long pushId) {
        PushEntity push = pushes.findById(pushId).orElseThrow();
        if (push.state() != PushState.RUNNING) {
            return false;
        }
        Optional<PushStepEntity> current = steps.findByPushIdOrderByPositionAsc(pushId).stream()
            .filter(s -> !s.state().isFinished()).findFirst();
        if (current.isEmpty()) {
            caughtUp.remove(pushId);
            tx.executeWithoutResult(status -> ending.end(pushId, PushState.DONE, "all steps done"));
            return false;
        }
        if (current.get().retryAt() != null && clock.instant().isBefore(current.get().retryAt())) {
            return false;
        }
        PushStep step = stepsByName.get(current.get().name());
        if (step == null) {
            tx.executeWithoutResult(status -> fail(pushId, current.get().name(),
                    "this server has no step named " + current.get().name()));
            return false;
        }
        PushRun run = new PushRun(pushId, push.trainId(), branchOf(push), push.kind());
        start(pushId, step.name());
        probe.reached(step.name() + ":started");
        return runStep(run, step);
    }

    private boolean runStep(PushRun run, PushStep step) {
        try {
            if (!step.name().equals(caughtUp.get(run.id()))) {
                candidates.catchUp(run);
                caughtUp.put(run.id(), step.name());
            }
            StepResult result;
            if (step.transactional()) {
                result = tx.execute(status -> {
                    StepResult outcome = step.run(run);
                    probe.reached(step.name() + ":ran");
                    return record(run, step.name(), outcome);
                });
            }
            else {
                StepResult outcome = step.run(run);
                probe.reached(step.name() + ":ran");
                result = tx.execute(status -> record(run, step.name(), outcome));
            }
            candidates.publish(run);
            return result != null && result.state().isFinished() && result.state() != StepState.FAILED;
        }
        catch (LeaseLost ex) {
            log.warn("Push {}: {}", run.id(), ex.getMessage());
            return false;
        }
        catch (TrainException.Unavailable ex) {
            tx.executeWithoutResult(status -> retryLater(run.id(), step.name(), ex.getMessage()));
            return false;
        }
        catch (RuntimeException ex) {
            log.error("Push {} step {} failed", run.id(), step.name(), ex);
            tx.executeWithoutResult(status -> fail(run.id(), step.name(), step.name() + " failed: " + ex.getMessage()));
            return false;
        }
    }

    private void start(long pushId, String name) {
        tx.executeWithoutResult(status -> {
            PushStepEntity row = row(pushId, name);
            if (row.state() == StepState.PENDING) {
                row.start(clock.instant());
                log.info("Push {}: step {} started", pushId, name);
                publish(pushId, row);
            }
        });
    }

    private StepResult record(PushRun run, String name, StepResult result) {
        long pushId = run.id();
        if (!running(pushId)) {
            return StepResult.failed("push " + pushId + " ended while " + name + " ran");
        }
        String holder = pushes.findById(pushId).map(PushEntity::owner).orElse(null);
        if (!node.equals(holder)) {
            // Another node took the push over while this one ran the step (a pause longer than the
            // lease): what this node found is dropped, and a transactional step's writes roll back.
            throw new LeaseLost(name + " ran on " + node + " but " + holder + " holds the push now; its result is dropped");
        }
        PushStepEntity row = row(pushId, name);
        if (result.state() == StepState.FAILED) {
            fail(pushId, name, result.detail());
            return result;
        }
        if (result.state().isFinished()) {
            row.finish(result.state(), result.detail(), clock.instant());
            log.info("Push {}: step {} {}: {}", pushId, name, result.state().name().toLowerCase(), result.detail());
            publish(pushId, row);
            PushPlan plan = PushPlan.of(run.kind());
            if (plan.endsHereWithNothingToShip(name) && picks.nothingToShip(pushId)) {
                ending.end(pushId, PushState.DONE, "nothing to ship: " + result.detail()
                        + "; nothing was built or rolled out");
            }
        }
        else if (row.progress() != result.progress() || !Objects.equals(row.detail(), result.detail())) {
            row.report(result.progress(), result.detail());
            publish(pushId, row);
        }
        return result;
    }

    /** A remote did not answer: the step runs again after a backoff that doubles, up to the configured tries. */
    private void retryLater(long pushId, String name, String why) {
        if (!running(pushId)) {
            return;
        }
        PushStepEntity row = row(pushId, name);
        int attempt = row.attempts() + 1;
        if (attempt > settings.retries()) {
            fail(pushId, name, why + " (tried " + settings.retries() + " times)");
            return;
        }
        Duration backoff = settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
        Instant at = clock.instant().plus(backoff.compareTo(settings.retryBackoffMax()) > 0
                ? settings.retryBackoffMax() : backoff);
        row.retryAt(attempt, at, why + "; trying again at " + TIME.format(at.atZone(clock.getZone()))
                + " (attempt " + (attempt + 1) + " of " + (settings.retries() + 1) + ")");
        log.warn("Push {}: step {} will be retried at {}: {}", pushId, name, at, why);
        publish(pushId, row);
    }

    private void fail(long pushId, String name, String why) {
        if (!running(pushId)) {
            return;
        }
        PushStepEntity row = row(pushId, name);
        row.finish(StepState.FAILED, why, clock.instant());
        publish(pushId, row);
        log.warn("Push {}: {} failed: {}", pushId, name, why);
        ending.end(pushId, PushState.FAILED, why);
    }

    /** Cancelled meanwhile, from another transaction: what the step found is no longer recorded. */
    private boolean running(long pushId) {
        return pushes.findById(pushId).map(p -> p.state() == PushState.RUNNING).orElse(false);
    }

    private PushStepEntity row(long pushId, String name) {
        return steps.findByPushIdOrderByPositionAsc(pushId).stream().filter(s -> s.name().equals(name)).findFirst()
            .orElseThrow();
    }

    private void publish(long pushId, PushStepEntity row) {
        events.publishEvent(new PushStepChanged(pushId, row.name(), row.state(), row.progress(), row.detail(),
                Progress.of(steps.findByPushIdOrderByPositionAsc(pushId))));
    }

    /** This node no longer holds the push it was running a step of. */
    private static final class LeaseLost extends RuntimeException {

        LeaseLost(String message) {
            super(message);
        }
    }

    private String branchOf(PushEntity push) {
        return trains.findById(push.trainId()).orElseThrow().branch();
    }
}
