package io.pushtrain.server.trains;

import java.security.Principal;
import java.util.List;

import io.pushtrain.train.TrainView;
import io.pushtrain.train.Trains;

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

/** Release trains: list them, cut one now. */
@Tag(name = "Trains", description = "Release trains: cut one, freeze and unfreeze it")
@RestController
@RequestMapping("/api/trains")
class TrainController {

    private final Trains trains;

    TrainController(Trains trains) {
        this.trains = trains;
    }

    @Operation(summary = "List release trains, newest first")
    @GetMapping
    List<TrainView> all() {
        return trains.all();
    }

    @Operation(summary = "One release train")
    @GetMapping("/{id}")
    TrainView one(@PathVariable long id) {
        return trains.get(id);
    }

    @Operation(summary = "Cut a new release branch now (trunk head by default)")
    @ApiResponse(responseCode = "201", description = "The new train; `latest` names it")
    @ApiResponse(responseCode = "409", description = "Another cut runs (`train` names it), or the commit is the current train's cut (send `force`)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    TrainView cut(@RequestBody(required = false) CutRequest request, Principal principal) {
        return trains.cut(request == null ? null : request.from(), principal.getName(),
                request != null && Boolean.TRUE.equals(request.force()));
    }

    /** Freezes the train: no push, scheduled or manual, starts on it until it is unfrozen (an emergency push still may). */
    @Operation(summary = "Freeze a train: no push starts on it until it is unfrozen")
    @ApiResponse(responseCode = "409", description = "The train is already frozen, or replaced")
    @PostMapping("/{id}/freeze")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    TrainView freeze(@PathVariable long id, @RequestBody(required = false) FreezeRequest request, Principal principal) {
        return trains.freeze(id, request == null ? null : request.reason(), principal.getName());
    }

    @Operation(summary = "Unfreeze a train")
    @ApiResponse(responseCode = "409", description = "The train is not frozen")
    @PostMapping("/{id}/unfreeze")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    TrainView unfreeze(@PathVariable long id, Principal principal) {
        return trains.unfreeze(id, principal.getName());
    }

    /** @param reason why no push may start: every refused push quotes it */
    record FreezeRequest(String reason) {
    }

    /**
     * @param from the revision to cut from; trunk head when absent
     * @param force cut even when that is the commit the current train was cut from
     */
    record CutRequest(String from, Boolean force) {
    }
}
