package io.pushtrain.distribution;

import java.time.Instant;

/**
 * One of the server's Ed25519 build-signing keys, as a host agent is given it at install time.
 *
 * @param id the first 16 hex digits of the SHA-256 of the encoded public key: what refusals name
 * @param publicKey the X.509 (SubjectPublicKeyInfo) encoding, base64: the value of the agent's {@code --server-key}
 * @param createdAt when the key was made
 * @param signs whether manifests are signed with it now: the newest key, and the one before it for
 *        {@code pushtrain.distribution.key-overlap} after a rotation
 */
public record ServerKey(String id, String publicKey, Instant createdAt, boolean signs) {
}
