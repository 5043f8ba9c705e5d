package io.pushtrain.distribution.host;

import java.time.Instant;

import io.pushtrain.distribution.HostHealth;
import io.pushtrain.distribution.HostState;
import io.pushtrain.distribution.HostView;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A host of the fleet. */
@Entity
@Table(name = "distribution_host")
public class HostEntity {

    @Id
    private String name;

    private String rack;

    private String tier;

    private String address;

    private String version;

    @Enumerated(EnumType.STRING)
    private HostState state;

    private int progress;

    private String detail;

    private Instant registeredAt;

    private Instant lastSeenAt;

    private String credential;

    private String trackerKey;

    private Instant retiredAt;

    @Enumerated(EnumType.STRING)
    private HostHealth.Status health;

    private String healthVersion;

    private Integer healthExitCode;

    private String healthOutput;

    protected HostEntity() {
    }

    public HostEntity(String name, String rack, String tier, String address, Instant at) {
        this.name = name;
        this.state = HostState.IDLE;
        this.registeredAt = at;
        place(rack, tier, address, at);
    }

    /** Where the host is now: registering again may move it to another rack or tier. */
    public void place(String rack, String tier, String address, Instant at) {
        this.rack = rack;
        this.tier = tier;
        if (address != null) {
            this.address = address;
        }
        this.lastSeenAt = at;
    }

    public void report(String version, HostState state, int progress, String detail, Instant at) {
        this.version = version;
        this.state = state;
        this.progress = progress;
        this.detail = detail;
        this.lastSeenAt = at;
    }

    /** What the health check said about {@code version}; null clears it (no check ran for this build). */
    public void health(String version, HostHealth health) {
        this.health = health == null ? null : health.status();
        this.healthVersion = health == null ? null : version;
        this.healthExitCode = health == null ? null : health.exitCode();
        this.healthOutput = health == null ? null : health.output();
    }

    public String name() {
        return name;
    }

    public String rack() {
        return rack;
    }

    public String tier() {
        return tier;
    }

    public String version() {
        return version;
    }

    public HostState state() {
        return state;
    }

    /** The fingerprint of the API credential the host belongs to, or null while none claimed it. */
    public String credential() {
        return credential;
    }

    /** From now on only this credential may act as the host. */
    public void bindTo(String credential) {
        this.credential = credential;
    }

    public String trackerKey() {
        return trackerKey;
    }

    public String address() {
        return address;
    }

    public boolean retired() {
        return retiredAt != null;
    }

    /** Out of the fleet: not listed, not counted by rollouts, not handed out by the tracker. */
    public void retire(Instant at) {
        if (retiredAt == null) {
            retiredAt = at;
        }
    }

    /** Back in the fleet, free to be claimed again by the next credential that registers it. */
    public void reinstate() {
        retiredAt = null;
        credential = null;
    }

    public boolean lost(Instant lostBefore) {
        return lastSeenAt.isBefore(lostBefore);
    }

    /** The host as the API shows it: LOST when it last reported before {@code lostBefore}. */
    public HostView toView(Instant lostBefore) {
        return new HostView(name, rack, tier, address, version, lost(lostBefore) ? HostState.LOST : state, progress,
                detail, lastSeenAt, health == null || !java.util.Objects.equals(healthVersion, version) ? null
                        : new HostHealth(health, healthExitCode, healthOutput));
    }
}
