package io.pushtrain.distribution;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.pushtrain.distribution.host.HostEntity;
import io.pushtrain.distribution.host.HostRepository;

import org.springframework.stereotype.Component;

/**
 * The health gate of a tier: its hosts run their health check (the agent's post-switch command)
 * after switching and report the result; when more than {@code pushtrain.distribution.unhealthy.share}
 * of the tier's live hosts say unhealthy about the rollout's build, the rollout must stop.
 */
@Component
class TierGate {

    private static final int NAMED = 3;

    private final HostRepository hosts;
    private final DistributionProperties properties;

    TierGate(HostRepository hosts, DistributionProperties properties) {
        this.hosts = hosts;
        this.properties = properties;
    }

    /** Why the tier stops the rollout of {@code artifactId}, or empty while it may go on. */
    Optional<String> stops(String tier, String artifactId, Instant lostBefore) {
        List<HostEntity> unhealthy = hosts.unhealthy(tier, artifactId, lostBefore);
        if (unhealthy.isEmpty()) {
            return Optional.empty();
        }
        long live = hosts.countLive(tier, lostBefore);
        double share = properties.distribution().unhealthy().share();
        if (live == 0 || (double) unhealthy.size() / live <= share) {
            return Optional.empty();
        }
        String named = unhealthy.stream().limit(NAMED)
                .map(h -> h.name() + " (" + h.toView(lostBefore).health().words() + ")")
                .collect(Collectors.joining(", "));
        return Optional.of(unhealthy.size() + " of " + live + " hosts of " + tier + " report unhealthy after switching to "
                + artifactId + ", more than the " + percent(share) + " allowed (pushtrain.distribution.unhealthy.share): "
                + named + (unhealthy.size() > NAMED ? " and " + (unhealthy.size() - NAMED) + " more" : ""));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
