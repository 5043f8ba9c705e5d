package io.pushtrain.server.revisions;

import io.pushtrain.train.RevisionView;
import io.pushtrain.train.Revisions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** "Where is my rev?" for the API, and the short {@code /r/<rev>} for browsers and chat links. */
@Tag(name = "Revisions", description = "Where a revision is: trunk, trains, picks, pushes, hosts")
@RestController
class RevisionController {

    private final Revisions revisions;

    RevisionController(Revisions revisions) {
        this.revisions = revisions;
    }

    @Operation(summary = "Where a revision is: in trunk, in which trains, requested, picked or shipped by which push, on how many hosts")
    @GetMapping("/api/revs/{rev}")
    RevisionView where(@PathVariable String rev) {
        return revisions.where(rev);
    }

    /** Browsers go to the dashboard's revision page; programs (curl, bots) to the JSON. */
    @Operation(summary = "A short link: browsers go to the revision page, programs to the JSON")
    @GetMapping("/r/{rev}")
    ResponseEntity<Void> shortcut(@PathVariable String rev,
            @org.springframework.web.bind.annotation.RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "")
            String accept) {
        String safe = rev.replaceAll("[^A-Za-z0-9._/-]", "");
        String target = accept.contains("text/html") ? "/revisions/" : "/api/revs/";
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, target + safe).build();
    }
}
