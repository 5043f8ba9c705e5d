package io.pushtrain.agent;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The build a host's tier wants, as {@code GET /api/hosts/{name}/desired} says.
 *
 * @param torrent where to fetch the .torrent: a path under the server ({@code /api/artifacts/{id}/torrent})
 */
record Desired(String artifactId, String sha256, long size, String fileName, String torrent) {

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
    }

    static Desired from(Map<String, Object> json) {
        Object id = json.get("artifactId");
        Object size = json.get("size");
        return new Desired(id == null ? null : id.toString(), (String) json.get("sha256"),
                size instanceof Number n ? n.longValue() : -1, (String) json.get("fileName"),
                (String) json.get("torrent"));
    }
}
