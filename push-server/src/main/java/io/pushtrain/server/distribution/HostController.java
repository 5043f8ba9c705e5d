package io.pushtrain.server.distribution;

import java.util.List;

import io.pushtrain.distribution.BuildManifest;
import io.pushtrain.distribution.DistributionException;
import io.pushtrain.distribution.HostHealth;
import io.pushtrain.distribution.HostReport;
import io.pushtrain.distribution.HostState;
import io.pushtrain.distribution.HostView;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.NewHost;
import io.pushtrain.server.security.Callers;
import io.pushtrain.train.AuditLog;
import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hosts register, ask for their tier's desired build, and report what they run. A HOST caller acts
 * as the one host its token registered (403 for any other name); a release engineer may act as any
 * host and retire one.
 */
@Tag(name = "Hosts", description = "Hosts of the fleet and what their agents report")
@RestController
@RequestMapping("/api/hosts")
class HostController {

    private final Hosts hosts;
    private final AuditLog audit;

    HostController(Hosts hosts, AuditLog audit) {
        this.hosts = hosts;
        this.audit = audit;
    }

    @Operation(summary = "List hosts: rack, tier, version, state")
    @GetMapping
    List<HostView> all() {
        return hosts.list();
    }

    @Operation(summary = "One host")
    @GetMapping("/{name}")
    HostView one(@PathVariable String name) {
        return hosts.get(name).orElseThrow(() -> new DistributionException.NotFound("no host " + name));
    }

    /** Registers or updates a host; without an address, the address the request came from. */
    @Operation(summary = "Register or update a host (its agent, or a release engineer)")
    @PostMapping
    @PreAuthorize("hasAnyRole('HOST', 'RELEASE_ENGINEER')")
    HostView register(@RequestBody RegisterBody body, HttpServletRequest request, Authentication caller) {
        if (body == null) {
            throw new DistributionException.Invalid("send {\"name\", \"rack\", \"tier\", \"address\"?}");
        }
        String address = body.address() == null || body.address().isBlank() ? request.getRemoteAddr() : body.address();
        return hosts.register(new NewHost(body.name(), body.rack(), body.tier(), address), credential(caller));
    }

    /** Takes the host out of the fleet; its token cannot register it again. */
    @Operation(summary = "Retire a host: it leaves the fleet and its token cannot register it again")
    @DeleteMapping("/{name}")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    HostView retire(@PathVariable String name, Authentication caller) {
        HostView retired = hosts.retire(name);
        audit.record(caller.getName(), "host retire", "host " + name, null);
        return retired;
    }

    /** The build the host's tier should run, or 204 when the tier has none. */
    @Operation(summary = "The build a host's tier should run")
    @ApiResponse(responseCode = "200", description = "The desired build and its signed manifest")
    @ApiResponse(responseCode = "204", description = "The host's tier has no build yet")
    @GetMapping("/{name}/desired")
    ResponseEntity<DesiredView> desired(@PathVariable String name, Authentication caller) {
        return hosts.desiredFor(name, credential(caller))
                .map(d -> ResponseEntity.ok(new DesiredView(d.artifactId(), d.sha256(), d.size(), d.fileName(),
                        "/api/artifacts/" + d.artifactId() + "/torrent", d.manifest().text(),
                        d.manifest().signatures())))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @Operation(summary = "A host agent reports its version, state and progress")
    @ApiResponse(responseCode = "204", description = "Recorded")
    @PutMapping("/{name}/state")
    @PreAuthorize("hasAnyRole('HOST', 'RELEASE_ENGINEER')")
    ResponseEntity<Void> report(@PathVariable String name, @RequestBody ReportBody body, Authentication caller) {
        if (body == null) {
            throw new DistributionException.Invalid("send {\"version\", \"state\", \"progress\", \"detail\"}");
        }
        hosts.report(name, new HostReport(body.version(), body.state(), body.progress() == null ? 0 : body.progress(),
                body.detail(), body.health()), credential(caller));
        return ResponseEntity.noContent().build();
    }

    /** The credential a host is bound to when the caller is a host; null (any host) for a release engineer. */
    private static String credential(Authentication caller) {
        return Callers.isOnlyHost(caller) ? Callers.credential(caller) : null;
    }

    record RegisterBody(String name, String rack, String tier, String address) {
    }

    /** {@code health}: what the host's post-switch health check said about {@code version} (null: none ran). */
    record ReportBody(String version, HostState state, Integer progress, String detail, HostHealth health) {
    }

    /** The desired build, with the manifest the agent checks against the keys it was installed with. */
    record DesiredView(String artifactId, String sha256, long size, String fileName, String torrent,
            String manifest, List<BuildManifest.Signature> signatures) {
    }
}
