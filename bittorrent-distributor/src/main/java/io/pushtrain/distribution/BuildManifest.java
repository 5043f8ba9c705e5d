package io.pushtrain.distribution;

import java.util.List;

/**
 * What the server vouches for when it signs a build: the artifact, its file, size and SHA-256,
 * and the train and push it came from. The signed bytes are {@link #text()}, UTF-8, exactly; a
 * host agent parses the same lines back and refuses a build whose download does not match them.
 *
 * @param signatures Ed25519 signatures of {@link #text()}, one per signing key (two while a key is rotated)
 */
public record BuildManifest(String artifactId, String fileName, long size, String sha256, String train,
        String push, List<Signature> signatures) {

    /** The first line of every manifest: its format and version. */
    public static final String FORMAT = "pushtrain build manifest 1";

    public BuildManifest {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    /** The exact text that is signed. */
    public String text() {
        return FORMAT + "\n"
                + "artifact " + artifactId + "\n"
                + "file " + fileName + "\n"
                + "size " + size + "\n"
                + "sha256 " + sha256 + "\n"
                + "train " + (train == null ? "-" : train) + "\n"
                + "push " + (push == null ? "-" : push) + "\n";
    }

    BuildManifest signedBy(List<Signature> signatures) {
        return new BuildManifest(artifactId, fileName, size, sha256, train, push, signatures);
    }

    /** One key's signature: the key's id (see {@link ServerKey#id()}) and the signature, base64. */
    public record Signature(String key, String signature) {
    }
}
