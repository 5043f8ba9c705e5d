package io.pushtrain.server.distribution;

import java.security.Principal;
import java.util.List;

import io.pushtrain.distribution.DistributionException;
import io.pushtrain.distribution.RolloutView;
import io.pushtrain.distribution.Rollouts;
import io.pushtrain.train.AuditLog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rollouts of a build tier by tier; the release engineer starts, pauses, resumes and rolls back. */
@Tag(name = "Rollouts", description = "Rollouts of a build through the tiers")
@RestController
@RequestMapping("/api/rollouts")
class RolloutController {

    private final Rollouts rollouts;
    private final AuditLog audit;

    RolloutController(Rollouts rollouts, AuditLog audit) {
        this.rollouts = rollouts;
        this.audit = audit;
    }

    @Operation(summary = "List rollouts")
    @GetMapping
    List<RolloutView> all() {
        return rollouts.list();
    }

    @Operation(summary = "One rollout: desired against actual per tier and rack")
    @GetMapping("/{id}")
    RolloutView one(@PathVariable long id) {
        return rollouts.get(id).orElseThrow(() -> new DistributionException.NotFound("no rollout " + id));
    }

    @Operation(summary = "Roll a build out to the fleet, tier by tier")
    @ApiResponse(responseCode = "201", description = "The rollout started")
    @ApiResponse(responseCode = "409", description = "A build of an older train than the one rolled out, or a rollout runs")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    RolloutView start(@RequestBody StartBody body, Principal who) {
        if (body == null || body.artifact() == null || body.artifact().isBlank()) {
            throw new DistributionException.Invalid("send {\"artifact\": \"<artifact id>\"}");
        }
        return recorded(who, "rollout start", rollouts.start(body.artifact()));
    }

    @Operation(summary = "Pause a rollout")
    @ApiResponse(responseCode = "409", description = "The rollout is not running")
    @PostMapping("/{id}/pause")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    RolloutView pause(@PathVariable long id, Principal who) {
        return recorded(who, "rollout pause", rollouts.pause(id));
    }

    @Operation(summary = "Resume a paused rollout")
    @ApiResponse(responseCode = "409", description = "The rollout is not paused")
    @PostMapping("/{id}/resume")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    RolloutView resume(@PathVariable long id, Principal who) {
        return recorded(who, "rollout resume", rollouts.resume(id));
    }

    @Operation(summary = "Roll back: hosts return to the build they ran before")
    @ApiResponse(responseCode = "409", description = "There is nothing to roll back to")
    @PostMapping("/{id}/rollback")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    RolloutView rollBack(@PathVariable long id, Principal who) {
        return recorded(who, "rollout rollback", rollouts.rollBack(id));
    }

    private RolloutView recorded(Principal who, String action, RolloutView rollout) {
        return audit.rollout(who.getName(), action, rollout);
    }

    record StartBody(String artifact) {
    }
}
