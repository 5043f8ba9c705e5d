package io.pushtrain.server.distribution;

import java.util.List;

import io.pushtrain.distribution.ArtifactView;
import io.pushtrain.distribution.Artifacts;
import io.pushtrain.distribution.DistributionException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Published builds and their torrents. */
@RestController
@RequestMapping("/api/artifacts")
class ArtifactController {

    static final MediaType BITTORRENT = MediaType.parseMediaType("application/x-bittorrent");

    private final Artifacts artifacts;

    ArtifactController(Artifacts artifacts) {
        this.artifacts = artifacts;
    }

    @GetMapping
    List<ArtifactView> all() {
        return artifacts.list();
    }

    @GetMapping("/{id}")
    ArtifactView one(@PathVariable String id) {
        return artifacts.get(id).orElseThrow(() -> new DistributionException.NotFound("no artifact " + id));
    }

    @GetMapping("/{id}/torrent")
    ResponseEntity<byte[]> torrent(@PathVariable String id) {
        byte[] torrent = artifacts.torrent(id);
        return ResponseEntity.ok().contentType(BITTORRENT)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".torrent\"")
                .body(torrent);
    }
}
