package io.pushtrain.train.push;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.BuildOrigin;
import io.pushtrain.distribution.DistributionException;
import io.pushtrain.distribution.RolloutState;
import io.pushtrain.distribution.RolloutView;
import io.pushtrain.distribution.Rollouts;
import io.pushtrain.train.AuditLog;
import io.pushtrain.train.StepState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The build becomes an artifact with a torrent that the server seeds, and a rollout moves it
 * through the tiers; the step ends when every host runs it. The artifact is published once, with
 * the hash the build step made; a build of a train older than one already rolled out is refused.
 */
@Component
class DistributeStep implements PushStep {

    private static final Logger log = LoggerFactory.getLogger(DistributeStep.class);

    private final PushRepository pushes;
    private final Artifacts artifacts;
    private final Rollouts rollouts;
    private final BuildStep build;
    private final AuditLog audit;

    DistributeStep(PushRepository pushes, Artifacts artifacts, Rollouts rollouts, BuildStep build, AuditLog audit) {
        this.audit = audit;
        this.pushes = pushes;
        this.artifacts = artifacts;
        this.rollouts = rollouts;
        this.build = build;
    }

    /** The artifact id a push's build gets: what hosts report they run. */
    static String artifactId(long pushId) {
        return "push-" + pushId;
    }

    @Override
    public String name() {
        return "distribute";
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public StepResult run(PushRun run) {
        PushEntity push = pushes.findById(run.id()).orElseThrow();
        if (push.artifactPath() == null) {
            return StepResult.skipped("nothing was built to distribute");
        }
        String id = artifactId(run.id());
        Optional<RolloutView> rollout = rolloutOf(id);
        if (rollout.isEmpty() && !Files.isRegularFile(Path.of(push.artifactPath()))) {
            // Built by a node that died: its data folder is not here. Nothing was published yet,
            // so this node builds the candidate again and publishes its own build.
            log.warn("Push {}: the build {} is not on this node; building it again here", run.id(), push.artifactPath());
            StepResult rebuilt = build.run(run);
            if (rebuilt.state() == StepState.FAILED) {
                return rebuilt;
            }
            push = pushes.findById(run.id()).orElseThrow();
        }
        if (rollout.isEmpty()) {
            if (pushes.newerTrainRolledOut(run.train())) {
                return StepResult.failed("a newer train's build is already on the hosts: " + run.branch()
                        + " is not rolled out over it (roll back to it explicitly if that is what you want)");
            }
            artifacts.publish(id, Path.of(push.artifactPath()), push.artifactSha256(),
                    new BuildOrigin(run.branch(), Long.toString(run.id())));
            try {
                rollout = Optional.of(audit.rollout("push " + run.id(), "rollout start", rollouts.start(id)));
            }
            catch (DistributionException.Conflict ex) {
                return StepResult.waiting(0, "published " + id + "; waiting for the rollout before it: "
                        + ex.getMessage());
            }
        }
        return judge(id, rollout.get());
    }

    private StepResult judge(String id, RolloutView rollout) {
        String tiers = rollout.tiers().stream().map(t -> t.tier() + " " + t.running() + "/" + t.hosts())
            .collect(Collectors.joining(", "));
        long hosts = rollout.tiers().stream().mapToLong(RolloutView.TierProgress::hosts).sum();
        long running = rollout.tiers().stream().mapToLong(RolloutView.TierProgress::running).sum();
        return switch (rollout.state()) {
            case DONE -> StepResult.done(hosts == 0 ? id + " published and seeded; no hosts registered yet"
                    : id + " runs on every host: " + tiers);
            case ROLLED_BACK -> StepResult.failed("the rollout of " + id + " was rolled back (" + tiers + ")"
                    + (rollout.reason() == null ? "" : ": " + rollout.reason()));
            case PAUSED -> StepResult.waiting(percent(running, hosts), "rollout " + rollout.id() + " paused at "
                    + rollout.currentTier() + ": " + tiers + (rollout.reason() == null ? "" : "; " + rollout.reason()));
            case RUNNING -> StepResult.waiting(percent(running, hosts), "rolling out to " + rollout.currentTier()
                    + ": " + tiers + baking(rollout));
        };
    }

    private static String baking(RolloutView rollout) {
        return rollout.tiers().stream().filter(RolloutView.TierProgress::baking).findFirst()
                .map(t -> "; " + t.tier() + " bakes " + t.bakeSecondsLeft() + " s more").orElse("");
    }

    private Optional<RolloutView> rolloutOf(String id) {
        List<RolloutView> all = rollouts.list();
        return all.stream().filter(r -> r.artifactId().equals(id)).max(Comparator.comparingLong(RolloutView::id));
    }

    private static int percent(long running, long hosts) {
        return hosts == 0 ? 0 : (int) Math.min(99, 100 * running / hosts);
    }
}
