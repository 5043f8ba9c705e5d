package io.pushtrain.server.picks;

import java.time.Instant;
import java.util.List;

import io.pushtrain.server.security.Callers;
import io.pushtrain.train.PickBlockers;
import io.pushtrain.train.PickRequest;
import io.pushtrain.train.PickRequested;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import jakarta.validation.constraints.NotBlank;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cherry-pick requests: ask, decide, confirm presence, resolve a conflict with a backport, withdraw. */
@Tag(name = "Picks", description = "Cherry-pick requests: ask, decide, confirm presence, backport a conflict, withdraw")
@RestController
@RequestMapping("/api/picks")
class PickController {

    private final Picks picks;
    private final PickBlockers blockers;

    PickController(Picks picks, PickBlockers blockers) {
        this.picks = picks;
        this.blockers = blockers;
    }

    /** A new request answers 201; a commit with an open request answers that request with 200. */
    @Operation(summary = "Request a cherry-pick of a trunk commit into the current train")
    @ApiResponse(responseCode = "201", description = "A new request, with its size, discussion and risk")
    @ApiResponse(responseCode = "200", description = "The commit already has an open request: that request")
    @ApiResponse(responseCode = "409", description = "Refused: the commit is on the train already, or the train takes no pick from this requester now; `detail` says why")
    @ApiResponse(responseCode = "404", description = "No such commit on trunk")
    @ApiResponse(responseCode = "422", description = "There is no train to take it yet: cut one first")
    @PostMapping
    @PreAuthorize("hasAnyRole('DEVELOPER','RELEASE_ENGINEER')")
    ResponseEntity<PickView> request(@RequestBody NewPick body, Authentication who) {
        PickRequested requested = picks.request(new PickRequest(body.commit(), body.reason(), body.mainline(),
                who.getName()));
        return ResponseEntity.status(requested.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
            .header("X-Pushtrain-Duplicate", Boolean.toString(requested.duplicate()))
            .body(requested.pick());
    }

    @Operation(summary = "List pick requests, by train and state")
    @GetMapping
    List<PickView> list(@RequestParam(required = false) Long train, @RequestParam(required = false) PickState state) {
        return picks.list(train, state);
    }

    @Operation(summary = "One pick, with why it is not going out (blockedBy) and the next push that would take it")
    @GetMapping("/{id}")
    PickAnswer one(@PathVariable long id) {
        PickView pick = picks.get(id);
        PickBlockers.Answer why = blockers.of(pick);
        return new PickAnswer(pick, why.blockedBy(), why.nextPush());
    }

    /** One pick with what holds it back: the pick's own fields, then {@code blockedBy} and {@code nextPush}. */
    record PickAnswer(@JsonUnwrapped PickView pick, String blockedBy, Instant nextPush) {
    }

    @Operation(summary = "Approve a pick request")
    @ApiResponse(responseCode = "409", description = "The pick is not waiting for a decision")
    @PostMapping("/{id}/approve")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    PickView approve(@PathVariable long id, @RequestBody(required = false) Decision body, Authentication who) {
        return picks.approve(id, who.getName(), body == null ? null : body.reason());
    }

    @Operation(summary = "Reject a pick request, with a reason")
    @ApiResponse(responseCode = "409", description = "The pick is not waiting for a decision")
    @PostMapping("/{id}/reject")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    PickView reject(@PathVariable long id, @RequestBody(required = false) Decision body, Authentication who) {
        return picks.reject(id, who.getName(), body == null ? null : body.reason());
    }

    /** Accepts a pick's perf regression with a reason: the pick queues again and Perflab lets it pass. */
    @Operation(summary = "Accept a pick's perf regression, with a reason, so it queues again")
    @ApiResponse(responseCode = "409", description = "The pick is not held back by a perf regression")
    @PostMapping("/{id}/override")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    PickView overridePerf(@PathVariable long id, @RequestBody(required = false) Decision body, Authentication who) {
        return picks.overridePerf(id, who.getName(), body == null ? null : body.reason());
    }

    @Operation(summary = "Confirm presence for one's pick in the coming push")
    @ApiResponse(responseCode = "409", description = "The pick is not waiting for its requester")
    @PostMapping("/{id}/confirm")
    PickView confirm(@PathVariable long id, Authentication who) {
        return picks.confirm(id, who.getName());
    }

    /**
     * Resolves a pick in CONFLICT: {@code commit} is on a branch of trunk's remote, its parent on the
     * release branch, by the original's author. The pick queues again and the next push lands it.
     */
    @Operation(summary = "Resolve a pick in CONFLICT with a backport commit")
    @ApiResponse(responseCode = "409", description = "The pick is not in CONFLICT, or the commit does not fit the release branch")
    @PostMapping("/{id}/backport")
    PickView backport(@PathVariable long id, @RequestBody Backport body, Authentication who) {
        return picks.backport(id, body.commit(), who.getName(), Callers.isReleaseEngineer(who));
    }

    @Operation(summary = "Withdraw a pick (its requester or a release engineer)")
    @ApiResponse(responseCode = "409", description = "The pick is already in a push or ended")
    @DeleteMapping("/{id}")
    PickView withdraw(@PathVariable long id, Authentication who) {
        boolean releaseEngineer = who.getAuthorities().stream()
            .anyMatch(a -> a.getAuthority().equals("ROLE_RELEASE_ENGINEER"));
        return picks.withdraw(id, who.getName(), releaseEngineer);
    }

    record NewPick(@NotBlank String commit, String reason, Integer mainline) {
    }

    record Decision(String reason) {
    }

    record Backport(String commit) {
    }
}
