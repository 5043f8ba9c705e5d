package io.pushtrain.server.audit;

import io.pushtrain.train.AuditLog;
import io.pushtrain.train.AuditPage;
import io.pushtrain.train.AuditQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log, for the release engineer and the admin: who did what to which object, when and why. */
@Tag(name = "Audit", description = "Every state-changing action by a person or a program: who, when, what, on which object, why")
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('RELEASE_ENGINEER', 'ADMIN')")
    @Operation(summary = "Read the audit log: every state-changing action, newest first, never edited",
            responses = { @ApiResponse(responseCode = "200", description = "a page of entries, and nextBefore for the next"),
                    @ApiResponse(responseCode = "400", description = "since is not a time, or limit is out of 1-500"),
                    @ApiResponse(responseCode = "403", description = "only release engineers and admins read it") })
    AuditPage find(
            @Parameter(description = "only this actor's entries: a person, or a program such as schedule")
            @RequestParam(required = false) String actor,
            @Parameter(description = "one object (pick 42, push 7, flag photos.composer) or one kind (pick)")
            @RequestParam(required = false) String object,
            @Parameter(description = "from this time on: 2026-12-07T09:30:00Z, with an offset, or a day 2026-12-07")
            @RequestParam(required = false) String since,
            @Parameter(description = "the next page: the nextBefore of the page before")
            @RequestParam(required = false) Long before,
            @Parameter(description = "entries per page, 1 to 500") @RequestParam(defaultValue = "50") int limit) {
        return audit.find(new AuditQuery(actor, object, AuditQuery.since(since), before, limit));
    }
}
