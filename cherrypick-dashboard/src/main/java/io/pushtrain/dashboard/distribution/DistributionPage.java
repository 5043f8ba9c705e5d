package io.pushtrain.dashboard.distribution;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.DistributionException;
import io.pushtrain.distribution.HostView;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.RolloutState;
import io.pushtrain.distribution.RolloutView;
import io.pushtrain.distribution.Rollouts;
import io.pushtrain.train.AuditLog;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Distribution: the artifacts the server seeds, rollouts with desired against actual per tier and
 * rack, every host; the release engineer pauses, resumes or rolls back a rollout, and retires a host.
 */
@Controller
class DistributionPage {

    private static final int ARTIFACTS_SHOWN = 8;
    private static final int ROLLOUTS_SHOWN = 3;

    private final Artifacts artifacts;
    private final Hosts hosts;
    private final Rollouts rollouts;
    private final AuditLog audit;

    DistributionPage(Artifacts artifacts, Hosts hosts, Rollouts rollouts, AuditLog audit) {
        this.audit = audit;
        this.artifacts = artifacts;
        this.hosts = hosts;
        this.rollouts = rollouts;
    }

    @GetMapping("/distribution")
    String page(Model model) {
        panel(model);
        return "dashboard/distribution";
    }

    /** The part of the page that server-sent events refresh. */
    @GetMapping("/distribution/panel")
    String panel(Model model) {
        List<HostView> fleet = hosts.list();
        Map<String, String> desired = hosts.desiredByTier();
        List<ArtifactRow> rows = artifacts.list().stream().limit(ARTIFACTS_SHOWN)
            .map(a -> ArtifactRow.of(a, artifacts.seeding(a.id()))).toList();
        List<RolloutView> recent = rollouts.list().stream().limit(ROLLOUTS_SHOWN).toList();
        model.addAttribute("artifacts", rows);
        model.addAttribute("rollouts", recent);
        model.addAttribute("rollbackable", rollbackable(recent));
        model.addAttribute("board", FleetBoard.of(desired, fleet));
        model.addAttribute("hosts", fleet);
        return "dashboard/distribution :: panel";
    }

    /**
     * The rollouts {@link Rollouts#rollBack} accepts: running or paused ones, and a done one while no
     * later rollout started ({@code recent} is newest first, so only its head can be that).
     */
    static Set<Long> rollbackable(List<RolloutView> recent) {
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < recent.size(); i++) {
            RolloutView rollout = recent.get(i);
            if (rollout.state().active() || (i == 0 && rollout.state() == RolloutState.DONE)) {
                ids.add(rollout.id());
            }
        }
        return ids;
    }

    @PostMapping("/distribution/rollouts/{id}/pause")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String pause(@PathVariable long id, Authentication viewer, RedirectAttributes flash) {
        return act(flash, () -> audit.rollout(viewer.getName(), "rollout pause", rollouts.pause(id)), "paused");
    }

    @PostMapping("/distribution/rollouts/{id}/resume")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String resume(@PathVariable long id, Authentication viewer, RedirectAttributes flash) {
        return act(flash, () -> audit.rollout(viewer.getName(), "rollout resume", rollouts.resume(id)), "resumed");
    }

    @PostMapping("/distribution/rollouts/{id}/rollback")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String rollBack(@PathVariable long id, Authentication viewer, RedirectAttributes flash) {
        return act(flash, () -> audit.rollout(viewer.getName(), "rollout rollback", rollouts.rollBack(id)),
                "rolled back: every tier goes back to the build it ran before");
    }

    @PostMapping("/distribution/hosts/{name}/retire")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String retire(@PathVariable String name, Authentication viewer, RedirectAttributes flash) {
        try {
            hosts.retire(name);
            audit.record(viewer.getName(), "host retire", "host " + name, null);
            flash.addFlashAttribute("notice", "Host " + name + " retired: it left the fleet and its token cannot register it again.");
        }
        catch (DistributionException ex) {
            flash.addFlashAttribute("notice", ex.getMessage());
        }
        return "redirect:/distribution";
    }

    private static String act(RedirectAttributes flash, Supplier<RolloutView> action, String done) {
        try {
            RolloutView rollout = action.get();
            flash.addFlashAttribute("notice", "Rollout " + rollout.id() + " of " + rollout.artifactId() + " " + done + ".");
        }
        catch (DistributionException ex) {
            // A rollout that moved on meanwhile (done, rolled back elsewhere): say so on the page.
            flash.addFlashAttribute("notice", ex.getMessage());
        }
        return "redirect:/distribution";
    }
}
