package io.pushtrain.dashboard.distribution;

import java.time.Instant;
import java.util.Locale;

import io.pushtrain.distribution.ArtifactView;

/** An artifact as the table shows it. */
public record ArtifactRow(String id, String fileName, String size, String sha256, String sha256Short, boolean seeding,
        Instant createdAt) {

    static ArtifactRow of(ArtifactView artifact, boolean seeding) {
        return new ArtifactRow(artifact.id(), artifact.fileName(), size(artifact.size()), artifact.sha256(),
                artifact.sha256().substring(0, Math.min(12, artifact.sha256().length())), seeding,
                artifact.createdAt());
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
