package io.pushtrain.distribution;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
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
 * build their tier should run. A host belongs to the API credential that first registered it
 * (a fingerprint of its HOST token): only that credential may register, report or ask as that host,
 * and a credential acts as one host only. Each host has a tracker key that its torrents announce
 * with. A host that stops reporting is LOST after {@code pushtrain.distribution.host-lost-after}.
 */
@Service
@Transactional
public class Hosts {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern RACK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_DETAIL = 2000;
    private static final SecureRandom random = new SecureRandom();

    private final HostRepository hosts;
    private final TierDesiredRepository desired;
    private final ArtifactRepository artifacts;
    private final DistributionProperties properties;
    private final ApplicationEventPublisher events;
    private final BuildKeys keys;
    private final Clock clock = Clock.systemUTC();

    Hosts(HostRepository hosts, TierDesiredRepository desired, ArtifactRepository artifacts,
            DistributionProperties properties, ApplicationEventPublisher events, BuildKeys keys) {
        this.keys = keys;
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
        return register(host, null);
    }

    /**
     * Registers the host on behalf of {@code credential} (the fingerprint of the caller's HOST
     * token); null is a release engineer or the server itself, who may register any host, bring
     * back a retired one, and hand a host over to a new token: after such a registration the host
     * belongs to the next token that registers it.
     *
     * @throws DistributionException.Forbidden when the host belongs to another credential, the
     *         credential already belongs to another host, or the host is retired
     */
    public HostView register(NewHost host, String credential) {
        if (host == null) {
            throw new DistributionException.Invalid("a host needs a name, rack and tier");
        }
        String name = name(host.name());
        String rack = check(host.rack(), RACK, "rack");
        String tier = tier(host.tier());
        String address = address(host.address());
        if (credential != null) {
            ownHostOtherThan(credential, name);
        }
        hosts.createIfMissing(name, rack, tier, address, newTrackerKey());
        HostEntity entity = hosts.lock(name).orElseThrow();
        if (credential == null) {
            entity.reinstate();
        }
        else {
            claim(entity, credential);
        }
        entity.place(rack, tier, address, now());
        return entity.toView(lostBefore());
    }

    /**
     * Takes the host out of the fleet: it is no longer listed, counted by rollouts or handed out
     * by the tracker, and its token cannot register it again. A release engineer registering it
     * brings it back.
     */
    public HostView retire(String name) {
        HostEntity host = hosts.lock(name == null ? "" : name).filter(h -> !h.retired()).orElseThrow(() -> unknown(name));
        host.retire(now());
        return host.toView(lostBefore());
    }

    /**
     * Records what the host runs and does now, and publishes {@link HostReported}.
     *
     * @throws DistributionException.NotFound for a host that never registered
     * @throws DistributionException.Invalid for a missing state or progress outside 0 to 100
     */
    public HostView report(String name, HostReport report) {
        return report(name, report, null);
    }

    /**
     * {@link #report(String, HostReport)} on behalf of {@code credential} (null: a release engineer or the server).
     *
     * @throws DistributionException.Forbidden when the host belongs to another credential or is retired
     */
    public HostView report(String name, HostReport report, String credential) {
        if (report != null && report.state() == HostState.LOST) {
            throw new DistributionException.Invalid("LOST is what the server says of a host that stopped reporting;"
                    + " report one of IDLE, DOWNLOADING, VERIFYING, RUNNING, FAILED");
        }
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
        if (credential != null) {
            ownHostOtherThan(credential, name);
        }
        HostEntity host = hosts.lock(name == null ? "" : name)
                .orElseThrow(() -> unknown(name));
        if (credential != null) {
            claim(host, credential);
        }
        host.report(version, report.state(), report.progress(), detail, now());
        host.health(version, report.health());
        events.publishEvent(new HostReported(host.name(), host.tier(), host.rack(), version, report.state()));
        return host.toView(lostBefore());
    }

    /** Every host of the fleet (not the retired ones), by tier, rack and name. */
    @Transactional(readOnly = true)
    public List<HostView> list() {
        Instant lostBefore = lostBefore();
        return hosts.findByRetiredAtIsNullOrderByTierAscRackAscNameAsc().stream().map(h -> h.toView(lostBefore)).toList();
    }

    @Transactional(readOnly = true)
    public Optional<HostView> get(String name) {
        return name == null ? Optional.empty()
                : hosts.findById(name).filter(h -> !h.retired()).map(h -> h.toView(lostBefore()));
    }

    /** The tracker key of the host this credential registered, for the torrents handed to that host. */
    @Transactional(readOnly = true)
    public Optional<String> trackerKeyOf(String credential) {
        return credential == null ? Optional.empty()
                : hosts.findByCredential(credential).filter(h -> !h.retired()).map(HostEntity::trackerKey);
    }

    /** The tracker key of a host by name, for a release engineer fetching a torrent on a host's behalf. */
    @Transactional(readOnly = true)
    public Optional<String> trackerKeyOfHost(String name) {
        return name == null ? Optional.empty()
                : hosts.findById(name).filter(h -> !h.retired()).map(HostEntity::trackerKey);
    }

    /** The host (not retired) whose tracker key this is: the tracker hands out only such hosts. */
    @Transactional(readOnly = true)
    public Optional<HostView> byTrackerKey(String trackerKey) {
        return trackerKey == null || trackerKey.isEmpty() ? Optional.empty()
                : hosts.findByTrackerKeyAndRetiredAtIsNull(trackerKey).map(h -> h.toView(lostBefore()));
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

    /**
     * {@link #desiredFor(String)} on behalf of {@code credential}.
     *
     * @throws DistributionException.Forbidden when the host belongs to another credential or is retired
     */
    public Optional<DesiredBuild> desiredFor(String name, String credential) {
        if (credential == null) {
            return desiredFor(name);
        }
        ownHostOtherThan(credential, name);
        HostEntity host = hosts.lock(name == null ? "" : name).orElseThrow(() -> unknown(name));
        claim(host, credential);
        return desiredOf(host.tier());
    }

    /** The build a tier should run, or empty. */
    @Transactional(readOnly = true)
    public Optional<DesiredBuild> desiredOf(String tier) {
        return desired.findById(tier).flatMap(d -> artifacts.findById(d.artifactId()))
                .map(a -> new DesiredBuild(a.id(), a.sha256(), a.size(), a.fileName(), keys.manifestOf(a)));
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
        return hosts.findByAddressAndRetiredAtIsNullOrderByLastSeenAtDesc(address).stream().findFirst().map(HostEntity::rack);
    }

    /** Hosts that last reported before this instant are LOST. */
    Instant lostBefore() {
        return now().minus(properties.distribution().hostLostAfter());
    }

    /** A credential acts as one host: refuses it for {@code name} when it already belongs to another. */
    private void ownHostOtherThan(String credential, String name) {
        hosts.findByCredential(credential).filter(h -> !h.name().equals(name)).ifPresent(other -> {
            throw new DistributionException.Forbidden("this token belongs to host " + other.name()
                    + "; a HOST token acts as one host only: issue one per host (POST /api/users/{name}/tokens)");
        });
    }

    /** The host's own credential passes; an unclaimed host is claimed by it (the first token to register it). */
    private void claim(HostEntity host, String credential) {
        if (host.retired()) {
            throw new DistributionException.Forbidden("host " + host.name()
                    + " is retired; a release engineer registers it again to bring it back");
        }
        if (host.credential() == null) {
            host.bindTo(credential);
        }
        else if (!host.credential().equals(credential)) {
            throw new DistributionException.Forbidden("host " + host.name()
                    + " belongs to another token: only the token that registered it may act as it");
        }
    }

    private static String newTrackerKey() {
        byte[] key = new byte[20];
        random.nextBytes(key);
        return HexFormat.of().formatHex(key);
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
