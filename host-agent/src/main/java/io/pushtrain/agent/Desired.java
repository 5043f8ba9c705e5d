package io.pushtrain.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The build a host's tier wants, as {@code GET /api/hosts/{name}/desired} says.
 *
 * @param torrent where to fetch the .torrent: a path under the server ({@code /api/artifacts/{id}/torrent})
 */
record Desired(String artifactId, String sha256, long size, String fileName, String torrent, String manifest,
        List<Signature> signatures) {

    /** One of the manifest's signatures: the signing key's id and the Ed25519 signature, base64. */
    record Signature(String key, String signature) {
    }

    // These name directories and files under the agent's dir: nothing that climbs out of it.
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    Desired {
        if (artifactId == null || !SAFE_NAME.matcher(artifactId).matches()) {
            throw new AgentException("the server's artifactId is not a safe directory name: " + artifactId);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new AgentException("the server's sha256 for " + artifactId + " is not 64 hex digits: " + sha256);
        }
        if (fileName == null || !SAFE_NAME.matcher(fileName).matches()) {
            throw new AgentException("the server's fileName for " + artifactId + " is not a plain file name: "
                    + fileName);
        }
        if (torrent == null || torrent.isBlank()) {
            throw new AgentException("the server gave no torrent for " + artifactId);
        }
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    static Desired from(Map<String, Object> json) {
        Object id = json.get("artifactId");
        Object size = json.get("size");
        return new Desired(id == null ? null : id.toString(), (String) json.get("sha256"),
                size instanceof Number n ? n.longValue() : -1, (String) json.get("fileName"),
                (String) json.get("torrent"), json.get("manifest") instanceof String m ? m : null,
                signatures(json.get("signatures")));
    }

    private static List<Signature> signatures(Object value) {
        List<Signature> signatures = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && map.get("key") instanceof String key
                        && map.get("signature") instanceof String signature) {
                    signatures.add(new Signature(key, signature));
                }
            }
        }
        return signatures;
    }
}
