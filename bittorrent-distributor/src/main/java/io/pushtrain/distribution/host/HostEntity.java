package io.pushtrain.distribution.host;

import java.time.Instant;

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

    public HostView toView() {
        return new HostView(name, rack, tier, address, version, state, progress, detail, lastSeenAt);
    }
}
