package io.pushtrain.distribution;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.pushtrain.distribution.artifact.ArtifactRepository;
import io.pushtrain.distribution.host.HostEntity;
import io.pushtrain.distribution.host.HostRepository;
import io.pushtrain.distribution.host.TierDesiredEntity;
import io.pushtrain.distribution.host.TierDesiredRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The fleet: hosts register with their rack and tier, report what they run, and ask for the
 * build their tier should run.
 */
@Service
@Transactional
public class Hosts {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern RACK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_DETAIL = 2000;

    private final HostRepository hosts;
    private final TierDesiredRepository desired;
    private final ArtifactRepository artifacts;
    private final DistributionProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    Hosts(HostRepository hosts, TierDesiredRepository desired, ArtifactRepository artifacts,
            DistributionProperties properties, ApplicationEventPublisher events) {
        this.hosts = hosts;
        this.desired = desired;
        this.artifacts = artifacts;
        this.properties = properties;
        this.events = events;
    }

    /**
     * Registers the host, or updates its rack, tier and address: registering again is harmless.
     *
     * @throws DistributionException.Invalid for a bad name or rack, or a tier that is not configured
     */
    public HostView register(NewHost host) {
        if (host == null) {
            throw new DistributionException.Invalid("a host needs a name, rack and tier");
        }
        String name = name(host.name());
        String rack = check(host.rack(), RACK, "rack");
        String tier = tier(host.tier());
        String address = address(host.address());
        hosts.createIfMissing(name, rack, tier, address);
        HostEntity entity = hosts.lock(name).orElseThrow();
        entity.place(rack, tier, address, now());
        return entity.toView();
    }

    /**
     * Records what the host runs and does now, and publishes {@link HostReported}.
     *
     * @throws DistributionException.NotFound for a host that never registered
     * @throws DistributionException.Invalid for a missing state or progress outside 0 to 100
     */
    public HostView report(String name, HostReport report) {
        if (report == null || report.state() == null) {
            throw new DistributionException.Invalid("a report needs a state: one of IDLE, DOWNLOADING, VERIFYING, RUNNING, FAILED");
        }
        if (report.progress() < 0 || report.progress() > 100) {
            throw new DistributionException.Invalid("progress is 0 to 100, was " + report.progress());
        }
        String version = report.version() == null || report.version().isBlank() ? null : report.version();
        if (version != null && version.length() > 128) {
            throw new DistributionException.Invalid("version is at most 128 characters");
        }
        String detail = report.detail() == null ? null
                : report.detail().substring(0, Math.min(MAX_DETAIL, report.detail().length()));
        HostEntity host = hosts.lock(name == null ? "" : name)
                .orElseThrow(() -> unknown(name));
        host.report(version, report.state(), report.progress(), detail, now());
        events.publishEvent(new HostReported(host.name(), host.tier(), host.rack(), version, report.state()));
        return host.toView();
    }

    /** Every host, by tier, rack and name. */
    @Transactional(readOnly = true)
    public List<HostView> list() {
        return hosts.findAllByOrderByTierAscRackAscNameAsc().stream().map(HostEntity::toView).toList();
    }

    @Transactional(readOnly = true)
    public Optional<HostView> get(String name) {
        return name == null ? Optional.empty() : hosts.findById(name).map(HostEntity::toView);
    }

    /**
     * The build the host should run: its tier's desired artifact, or empty when the tier has none.
     *
     * @throws DistributionException.NotFound for a host that never registered
     */
    @Transactional(readOnly = true)
    public Optional<DesiredBuild> desiredFor(String name) {
        HostEntity host = hosts.findById(name == null ? "" : name).orElseThrow(() -> unknown(name));
        return desiredOf(host.tier());
    }

    /** The build a tier should run, or empty. */
    @Transactional(readOnly = true)
    public Optional<DesiredBuild> desiredOf(String tier) {
        return desired.findById(tier).flatMap(d -> artifacts.findById(d.artifactId()))
                .map(a -> new DesiredBuild(a.id(), a.sha256(), a.size(), a.fileName()));
    }

    /** Every configured tier and the artifact it should run (null: none yet), in rollout order. */
    @Transactional(readOnly = true)
    public Map<String, String> desiredByTier() {
        Map<String, String> byTier = new LinkedHashMap<>();
        properties.distribution().tiers().forEach(tier -> byTier.put(tier, null));
        desired.findAll().forEach(d -> byTier.put(d.tier(), d.artifactId()));
        return byTier;
    }

    /**
     * Sets (or with {@code artifactId} null clears) a tier's desired build. Rollouts do this; an
     * operator may too, to pin a tier by hand.
     */
    public void desire(String tier, String artifactId) {
        tier(tier);
        if (artifactId == null) {
            desired.deleteById(tier);
            return;
        }
        if (!artifacts.existsById(artifactId)) {
            throw new DistributionException.NotFound("no artifact " + artifactId);
        }
        desired.findById(tier).ifPresentOrElse(d -> d.desire(artifactId, now()),
                () -> desired.save(new TierDesiredEntity(tier, artifactId, now())));
    }

    /** Per tier, how many hosts run the artifact now (state RUNNING with that version). */
    @Transactional(readOnly = true)
    public Map<String, Long> runningByTier(String artifactId) {
        Map<String, Long> byTier = new LinkedHashMap<>();
        properties.distribution().tiers().forEach(tier -> byTier.put(tier, 0L));
        if (artifactId != null) {
            for (Object[] row : hosts.countRunningByTier(artifactId)) {
                byTier.put((String) row[0], ((Number) row[1]).longValue());
            }
        }
        return byTier;
    }

    /** The rack of the host registered with this address, for the tracker. */
    @Transactional(readOnly = true)
    public Optional<String> rackOfAddress(String address) {
        return hosts.findByAddressOrderByLastSeenAtDesc(address).stream().findFirst().map(HostEntity::rack);
    }

    private String tier(String tier) {
        if (tier == null || !properties.distribution().tiers().contains(tier)) {
            throw new DistributionException.Invalid("tier " + tier + " is not one of "
                    + String.join(", ", properties.distribution().tiers()) + " (pushtrain.distribution.tiers)");
        }
        return tier;
    }

    private static String name(String name) {
        return check(name, NAME, "name");
    }

    private static String check(String value, Pattern pattern, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new DistributionException.Invalid("host " + what + " " + (value == null ? "is missing" : value + " is not valid")
                    + ": letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    private static String address(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        if (address.length() > 64 || !address.matches("[0-9A-Fa-f.:]+")) {
            throw new DistributionException.Invalid("address " + address + " is not an IP address");
        }
        return address;
    }

    private static DistributionException.NotFound unknown(String name) {
        return new DistributionException.NotFound("no host " + name + ": it registers first with POST /api/hosts");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
