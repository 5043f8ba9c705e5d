package io.pushtrain.server.flags;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.pushtrain.flags.FlagVersion;
import io.pushtrain.flags.Flags;
import io.pushtrain.gatekeeper.client.Evaluation;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagUser;
import io.pushtrain.gatekeeper.client.Rule;
import io.pushtrain.train.AuditLog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Gatekeeper flags: anyone signed in reads and evaluates; product and release engineers change. An edit names
 * the version it is based on, in {@code If-Match} or in the body's {@code version}, and a stale one gets 409.
 */
@Tag(name = "Flags", description = "Gatekeeper feature flags and their rules")
@RestController
@RequestMapping("/api/flags")
class FlagController {

    private static final String CHANGERS = "hasAnyRole('PRODUCT','RELEASE_ENGINEER')";

    private final Flags flags;
    private final AuditLog audit;

    FlagController(Flags flags, AuditLog audit) {
        this.flags = flags;
        this.audit = audit;
    }

    @Operation(summary = "List feature flags")
    @GetMapping
    List<Flag> all() {
        return flags.list();
    }

    @Operation(summary = "One flag, with its version as ETag")
    @GetMapping("/{name}")
    ResponseEntity<Flag> one(@PathVariable String name) {
        Flag flag = flags.get(name);
        return ResponseEntity.ok().eTag(Versions.etag(flag.version())).body(flag);
    }

    @Operation(summary = "Create or change a flag (If-Match or version for optimistic locking)")
    @ApiResponse(responseCode = "201", description = "The flag was created")
    @ApiResponse(responseCode = "200", description = "The flag was changed")
    @ApiResponse(responseCode = "409", description = "The flag changed meanwhile: the answer names who changed what")
    @PutMapping("/{name}")
    @PreAuthorize(CHANGERS)
    ResponseEntity<Flag> put(@PathVariable String name, @RequestBody FlagEdit edit,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal who) {
        Long expected = Versions.expected(ifMatch, edit.version());
        Flag stored = flags.put(name, edit.toFlag(name), expected, who.getName(), edit.reason());
        audit.record(who.getName(), "flag put", "flag " + name, "version " + stored.version(), edit.reason());
        HttpStatus status = stored.version() == 1 || expected != null && expected == 0 ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).eTag(Versions.etag(stored.version())).body(stored);
    }

    @Operation(summary = "Delete a flag")
    @ApiResponse(responseCode = "204", description = "The flag is gone")
    @ApiResponse(responseCode = "409", description = "The flag changed meanwhile")
    @DeleteMapping("/{name}")
    @PreAuthorize(CHANGERS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String name, @RequestParam(required = false) String reason,
            @RequestParam(required = false) Long version,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal who) {
        flags.delete(name, Versions.expected(ifMatch, version), who.getName(), reason);
        audit.record(who.getName(), "flag delete", "flag " + name, reason);
    }

    @Operation(summary = "Evaluate a flag for one user")
    @PostMapping("/{name}/evaluate")
    Evaluation evaluate(@PathVariable String name, @RequestBody(required = false) EvaluateRequest request) {
        EvaluateRequest who = request == null ? new EvaluateRequest(null, null) : request;
        return flags.evaluate(name, new FlagUser(who.user(), who.attributes()));
    }

    @Operation(summary = "Every version of a flag")
    @GetMapping("/{name}/history")
    List<FlagVersion> history(@PathVariable String name) {
        return flags.history(name);
    }

    @Operation(summary = "Revert a flag to an earlier version")
    @ApiResponse(responseCode = "409", description = "The flag changed meanwhile")
    @PostMapping("/{name}/revert")
    @PreAuthorize(CHANGERS)
    Flag revert(@PathVariable String name, @RequestBody RevertRequest request, Principal who) {
        if (request.version() == null) {
            throw new IllegalArgumentException("Name the version to revert to: {\"version\": 3, \"reason\": \"...\"}.");
        }
        Flag reverted = flags.revert(name, request.version(), who.getName(), request.reason());
        audit.record(who.getName(), "flag revert", "flag " + name, "to version " + request.version(), request.reason());
        return reverted;
    }

    /** The body of a PUT: a flag, the version it was based on, and why. */
    record FlagEdit(String description, String team, Boolean enabled, Map<String, Object> variants,
            String defaultVariant, List<Rule> rules, Long version, String reason) {

        Flag toFlag(String name) {
            return new Flag(name, description, team, enabled == null || enabled, variants, defaultVariant, rules, null);
        }
    }

    record EvaluateRequest(String user, Map<String, Object> attributes) {
    }

    record RevertRequest(Long version, String reason) {
    }
}
