package io.pushtrain.server.distribution;

import java.util.List;
import java.util.Optional;

import io.pushtrain.distribution.ArtifactView;
import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.BuildManifest;
import io.pushtrain.distribution.DistributionException;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.server.security.Callers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Published builds and their torrents. */
@Tag(name = "Artifacts", description = "Builds and their torrents and signed manifests")
@RestController
@RequestMapping("/api/artifacts")
class ArtifactController {

    static final MediaType BITTORRENT = MediaType.parseMediaType("application/x-bittorrent");

    private final Artifacts artifacts;
    private final Hosts hosts;

    ArtifactController(Artifacts artifacts, Hosts hosts) {
        this.artifacts = artifacts;
        this.hosts = hosts;
    }

    @Operation(summary = "List builds")
    @GetMapping
    List<ArtifactView> all() {
        return artifacts.list();
    }

    @Operation(summary = "One build: id, SHA-256, size")
    @GetMapping("/{id}")
    ArtifactView one(@PathVariable String id) {
        return artifacts.get(id).orElseThrow(() -> new DistributionException.NotFound("no artifact " + id));
    }

    /** What the server vouches for: the manifest text and its signatures, as hosts get it with their desired build. */
    @Operation(summary = "A build's signed manifest and its signatures")
    @GetMapping("/{id}/manifest")
    ManifestView manifest(@PathVariable String id) {
        return ManifestView.of(artifacts.manifest(id));
    }

    /**
     * The torrent: handed to a host (its HOST token), or by a release engineer for a named host
     * ({@code ?host=}), it announces with that host's tracker key; anyone else gets the bare torrent,
     * which the tracker refuses (it hands out registered hosts only).
     */
    @Operation(summary = "A build's .torrent, announcing to the embedded tracker")
    @GetMapping("/{id}/torrent")
    ResponseEntity<byte[]> torrent(@PathVariable String id, @RequestParam(required = false) String host,
            Authentication caller) {
        Optional<String> key = Optional.empty();
        if (Callers.isOnlyHost(caller)) {
            key = hosts.trackerKeyOf(Callers.credential(caller));
        }
        else if (host != null && Callers.isReleaseEngineer(caller)) {
            key = Optional.of(hosts.trackerKeyOfHost(host)
                    .orElseThrow(() -> new DistributionException.NotFound("no host " + host)));
        }
        byte[] torrent = key.map(k -> artifacts.torrentFor(id, k)).orElseGet(() -> artifacts.torrent(id));
        return ResponseEntity.ok().contentType(BITTORRENT)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".torrent\"")
                .body(torrent);
    }

    /**
     * A signed manifest on the wire: {@code manifest} is the exact signed text, {@code signatures}
     * one per signing key, each the key's id and the Ed25519 signature in base64.
     */
    record ManifestView(String manifest, List<BuildManifest.Signature> signatures) {

        static ManifestView of(BuildManifest manifest) {
            return new ManifestView(manifest.text(), manifest.signatures());
        }
    }
}
