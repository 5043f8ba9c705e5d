package io.pushtrain.flags;

import java.time.Instant;

import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagJson;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.springframework.data.domain.Persistable;

/** A flag's current definition; {@code version} is the optimistic lock and the number of its latest version. */
@Entity
@Table(name = "flags_flag")
class FlagRow implements Persistable<String> {

    @Id
    private String name;

    private String definition;

    @Version
    private long version;

    private String updatedBy;

    private Instant updatedAt;

    // The name is assigned and the first version may be above 1 (a re-created flag), so "new" is said, not guessed.
    @Transient
    private boolean fresh;

    protected FlagRow() {
    }

    FlagRow(String name, long version) {
        this.name = name;
        this.version = version;
        this.fresh = true;
    }

    @Override
    public String getId() {
        return name;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void stored() {
        fresh = false;
    }

    void change(Flag flag, String by, Instant at) {
        this.definition = FlagJson.write(flag.withName(null).withVersion(null));
        this.updatedBy = by;
        this.updatedAt = at;
    }

    Flag toFlag() {
        return FlagJson.readFlag(definition).withName(name).withVersion(version);
    }

    String name() {
        return name;
    }

    long version() {
        return version;
    }
}
