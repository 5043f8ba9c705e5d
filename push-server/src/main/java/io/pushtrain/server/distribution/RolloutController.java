package io.pushtrain.server.distribution;

import java.util.List;

import io.pushtrain.distribution.DistributionException;
import io.pushtrain.distribution.RolloutView;
import io.pushtrain.distribution.Rollouts;

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
@RestController
@RequestMapping("/api/rollouts")
class RolloutController {

    private final Rollouts rollouts;

    RolloutController(Rollouts rollouts) {
        this.rollouts = rollouts;
    }

    @GetMapping
    List<RolloutView> all() {
        return rollouts.list();
    }

    @GetMapping("/{id}")
    RolloutView one(@PathVariable long id) {
        return rollouts.get(id).orElseThrow(() -> new DistributionException.NotFound("no rollout " + id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    RolloutView start(@RequestBody StartBody body) {
        if (body == null || body.artifact() == null || body.artifact().isBlank()) {
            throw new DistributionException.Invalid("send {\"artifact\": \"<artifact id>\"}");
        }
        return rollouts.start(body.artifact());
    }

    @PostMapping("/{id}/pause")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    RolloutView pause(@PathVariable long id) {
        return rollouts.pause(id);
    }

    @PostMapping("/{id}/resume")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    RolloutView resume(@PathVariable long id) {
        return rollouts.resume(id);
    }

    @PostMapping("/{id}/rollback")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    RolloutView rollBack(@PathVariable long id) {
        return rollouts.rollBack(id);
    }

    record StartBody(String artifact) {
    }
}
