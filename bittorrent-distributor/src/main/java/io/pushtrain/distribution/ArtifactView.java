package io.pushtrain.distribution;

import java.time.Instant;

/**
 * A published build: what hosts download and verify.
 *
 * @param id the artifact id (a push names it)
 * @param fileName the file's name, also the torrent's name
 * @param sha256 the hex SHA-256 of the whole file
 * @param size bytes
 * @param infoHash the torrent's hex info hash
 * @param createdAt when it was published
 */
public record ArtifactView(String id, String fileName, String sha256, long size, String infoHash, Instant createdAt) {
}
