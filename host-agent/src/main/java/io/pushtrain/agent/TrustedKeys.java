package io.pushtrain.agent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The server keys this host was installed with, and the check a desired build passes before the
 * agent downloads or switches to it: its manifest is signed by one of them, and says the same
 * artifact, file, size and SHA-256 as the server's answer. The download is then checked against
 * that SHA-256, so a hijacked API or tracker cannot hand the host another binary.
 */
final class TrustedKeys {

    /** The first line of a manifest this agent reads. */
    static final String FORMAT = "pushtrain build manifest 1";

    private final Map<String, PublicKey> byId;

    private TrustedKeys(Map<String, PublicKey> byId) {
        this.byId = byId;
    }

    /**
     * Keys as {@code GET /api/signing-keys} gives them: the X.509 encoding of an Ed25519 public key, base64.
     *
     * @throws IllegalArgumentException for a value that is not such a key
     */
    static TrustedKeys of(List<String> base64Keys) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        for (String value : base64Keys) {
            PublicKey key = decode(value);
            byId.put(idOf(key), key);
        }
        return new TrustedKeys(byId);
    }

    List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** Empty when the server vouches for this build; else why the host refuses it, in one sentence. */
    Optional<String> refusal(Desired want) {
        String refused = "refused " + want.artifactId() + ": ";
        if (byId.isEmpty()) {
            return Optional.of(refused + "this agent was given no --server-key, so it cannot check the server's "
                    + "signature");
        }
        if (want.manifest() == null || want.manifest().isBlank()) {
            return Optional.of(refused + "the server sent no signed manifest for it");
        }
        if (want.signatures().stream().noneMatch(s -> verifies(s, want.manifest()))) {
            String signedBy = want.signatures().isEmpty() ? "nobody"
                    : want.signatures().stream().map(Desired.Signature::key).collect(Collectors.joining(", "));
            return Optional.of(refused + "its manifest is not signed by a key this host trusts (signed by " + signedBy
                    + "; trusted: " + String.join(", ", byId.keySet()) + ")");
        }
        return mismatch(want).map(refused::concat);
    }

    private boolean verifies(Desired.Signature signature, String manifest) {
        PublicKey key = byId.get(signature.key());
        if (key == null || signature.signature() == null) {
            return false;
        }
        try {
            Signature check = Signature.getInstance("Ed25519");
            check.initVerify(key);
            check.update(manifest.getBytes(StandardCharsets.UTF_8));
            return check.verify(Base64.getDecoder().decode(signature.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The signed manifest against the server's answer, field by field. */
    private static Optional<String> mismatch(Desired want) {
        List<String> lines = want.manifest().lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
            return Optional.of("its signed manifest is not a '" + FORMAT + "'");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int space = line.indexOf(' ');
            if (space > 0) {
                fields.putIfAbsent(line.substring(0, space), line.substring(space + 1));
            }
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("artifact", want.artifactId());
        answer.put("file", want.fileName());
        answer.put("size", Long.toString(want.size()));
        answer.put("sha256", want.sha256().toLowerCase(java.util.Locale.ROOT));
        for (Map.Entry<String, String> field : answer.entrySet()) {
            String signed = fields.get(field.getKey());
            if (!field.getValue().equals(signed)) {
                return Optional.of("the signed manifest says " + field.getKey() + " " + signed
                        + ", the server's answer says " + field.getValue());
            }
        }
        return Optional.empty();
    }

    private static PublicKey decode(String value) {
        try {
            return KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(value.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--server-key must be an Ed25519 public key in base64, as "
                    + "GET /api/signing-keys gives it; was " + abbreviate(value));
        }
    }

    /** The same id the server gives the key: the first 16 hex digits of the SHA-256 of its encoding. */
    static String idOf(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String value) {
        return value == null ? "nothing" : value.length() <= 16 ? value : value.substring(0, 16) + "...";
    }
}
