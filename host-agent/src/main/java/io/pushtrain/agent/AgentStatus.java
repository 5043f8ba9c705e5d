package io.pushtrain.agent;

/**
 * What a {@link HostAgent} last did: the state it reported and what lies behind it.
 *
 * @param name              the host's name at the server
 * @param registered        whether the server has accepted the registration
 * @param state             the state last reported (or about to be)
 * @param version           the artifact id in {@code current}, or {@code null}
 * @param progress          0-100
 * @param detail            the line an operator reads
 * @param seeding           the artifact id this host seeds to its rack, or {@code null}
 * @param bytesUploaded     bytes the seeding session has sent to other hosts
 * @param transfer          the latest download (kept after it completes), or {@code null}
 * @param consecutiveErrors polls in a row that could not reach or satisfy the server
 * @param lastError         the latest of those errors, or {@code null} once a poll succeeds
 */
public record AgentStatus(String name, boolean registered, HostState state, String version, int progress,
        String detail, String seeding, long bytesUploaded, Transfer transfer, int consecutiveErrors,
        String lastError) {

    /**
     * One download over BitTorrent.
     *
     * @param bytesAtStart    bytes already on disk when it started (a resumed download has more than 0), -1 until checked
     * @param bytesDownloaded bytes received from peers since it started
     */
    public record Transfer(String artifactId, long size, long bytesAtStart, long bytesDownloaded, int percent) {
    }

    static AgentStatus starting(String name) {
        return new AgentStatus(name, false, HostState.IDLE, null, 0, "starting", null, 0, null, 0, null);
    }
}
