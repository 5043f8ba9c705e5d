package io.pushtrain.server.pushes;

import java.util.List;

import io.pushtrain.train.PerfComparisonView;
import io.pushtrain.train.Perflab;
import io.pushtrain.train.PresenceExtension;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushView;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.TestResults;
import io.pushtrain.train.TestRunView;
import io.pushtrain.train.TrainException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Pushes: start one now, follow its steps. */
@Tag(name = "Pushes", description = "Pushes: start one (or an emergency push), control its presence wait, cancel it, read its steps, tests and perf")
@RestController
@RequestMapping("/api/pushes")
class PushController {

    private final Pushes pushes;
    private final TestResults tests;
    private final Perflab perflab;

    PushController(Pushes pushes, TestResults tests, Perflab perflab) {
        this.pushes = pushes;
        this.tests = tests;
        this.perflab = perflab;
    }

    @Operation(summary = "Start a push now, or an emergency push of named picks")
    @ApiResponse(responseCode = "201", description = "The push started; follow it at GET /api/pushes/{id}")
    @ApiResponse(responseCode = "409", description = "Another push runs (`push` names it) or the train is frozen (`detail` quotes the reason)")
    @ApiResponse(responseCode = "422", description = "There is no train to push: cut one first")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    PushView start(@RequestBody(required = false) StartPush body, Authentication who) {
        if (body != null && (Boolean.TRUE.equals(body.emergency()) || body.kind() == PushKind.EMERGENCY)) {
            if (body.train() != null) {
                throw new TrainException.Invalid("an emergency push ships the current train; leave out \"train\"");
            }
            return pushes.startEmergency(body.picks(), body.reason(), who.getName());
        }
        if (body != null && body.picks() != null) {
            throw new TrainException.Invalid("only an emergency push names its picks: {\"emergency\": true,"
                    + " \"picks\": [12], \"reason\": \"...\"}");
        }
        Long train = body == null ? null : body.train();
        PushKind kind = body == null || body.kind() == null ? PushKind.PICKS : body.kind();
        return pushes.start(train, kind, who.getName());
    }

    /** Cancels a running push before it lands; its picks go back to the queue with the reason. */
    @Operation(summary = "Cancel a running push before it lands")
    @ApiResponse(responseCode = "409", description = "The push is not running, or has landed")
    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    PushView cancel(@PathVariable long id, @RequestBody(required = false) CancelPush body, Authentication who) {
        return pushes.cancel(id, who.getName(), body == null ? null : body.reason());
    }

    /**
     * Ends the presence wait now ({@code "end"}) or moves its deadline later ({@code "extend"},
     * {@code "by": "10m"} or {@code "PT10M"}); 409 when the push is not waiting for presence.
     */
    @Operation(summary = "End the presence wait now, or extend its deadline")
    @ApiResponse(responseCode = "409", description = "The push is not waiting for presence")
    @PostMapping("/{id}/presence")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    PushView presence(@PathVariable long id, @RequestBody(required = false) PresenceAction body, Authentication who) {
        String action = body == null || body.action() == null ? "" : body.action().strip();
        return switch (action) {
            case "end" -> {
                if (body.by() != null) {
                    throw new TrainException.Invalid("\"end\" ends the wait now and takes no \"by\"; to wait longer,"
                            + " send {\"action\": \"extend\", \"by\": \"10m\"}");
                }
                yield pushes.endPresence(id, who.getName());
            }
            case "extend" -> pushes.extendPresence(id, PresenceExtension.parse(body.by()), who.getName());
            default -> throw new TrainException.Invalid("say what to do with the presence wait: {\"action\": \"end\"}"
                    + " or {\"action\": \"extend\", \"by\": \"10m\"}");
        };
    }

    /** Skips one requester: their picks still waiting for presence are DEFERRED to the next push. */
    @Operation(summary = "Skip one requester in the presence wait: their picks are deferred")
    @ApiResponse(responseCode = "409", description = "The push is not waiting for presence, or not for this requester")
    @PostMapping("/{id}/presence/skip")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    PushView skip(@PathVariable long id, @RequestBody(required = false) SkipRequester body, Authentication who) {
        return pushes.skipRequester(id, body == null ? null : body.user(), who.getName());
    }

    @Operation(summary = "List pushes, newest first")
    @GetMapping
    List<PushView> all() {
        return pushes.all();
    }

    @Operation(summary = "One push: its steps, progress and picks with their outcome")
    @GetMapping("/{id}")
    PushView one(@PathVariable long id) {
        return pushes.get(id);
    }

    /** Every test shard the push ran: the batch, the prefixes it bisected, the batch without a culprit. */
    @Operation(summary = "The test shards a push ran")
    @GetMapping("/{id}/tests")
    List<TestRunView> tests(@PathVariable long id) {
        return tests.forPush(id);
    }

    /** Perflab's comparisons in this push, base against each candidate it measured. */
    @Operation(summary = "Perflab's comparisons in a push")
    @GetMapping("/{id}/perf")
    List<PerfComparisonView> perf(@PathVariable long id) {
        pushes.get(id);
        return perflab.forPush(id);
    }

    /**
     * @param emergency true for an emergency push: only {@code picks}, without the presence wait, for {@code reason}
     */
    record StartPush(Long train, PushKind kind, Boolean emergency, List<Long> picks, String reason) {
    }

    record CancelPush(String reason) {
    }

    /** {@code action}: "end" or "extend"; {@code by}: for "extend", a duration ("10m", "PT10M"). */
    record PresenceAction(String action, String by) {
    }

    record SkipRequester(String user) {
    }
}
