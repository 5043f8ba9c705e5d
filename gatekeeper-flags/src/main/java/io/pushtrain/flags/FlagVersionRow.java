package io.pushtrain.flags;

import java.io.Serializable;
import java.time.Instant;

import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagJson;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One change of a flag, kept whole, so that any earlier state can be served again. */
@Entity
@Table(name = "flags_flag_version")
@IdClass(FlagVersionRow.Key.class)
class FlagVersionRow {

    @Id
    private String name;

    @Id
    private long version;

    private String definition;

    private String changedBy;

    private Instant changedAt;

    private String reason;

    protected FlagVersionRow() {
    }

    FlagVersionRow(String name, long version, Flag flag, String by, Instant at, String reason) {
        this.name = name;
        this.version = version;
        this.definition = flag == null ? null : FlagJson.write(flag.withName(null).withVersion(null));
        this.changedBy = by;
        this.changedAt = at;
        this.reason = reason;
    }

    FlagVersion toVersion() {
        Flag flag = definition == null ? null : FlagJson.readFlag(definition).withName(name).withVersion(version);
        return new FlagVersion(version, flag, changedBy, changedAt, reason);
    }

    /** The composite primary key. */
    static class Key implements Serializable {

        private String name;
        private long version;

        protected Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.version == version && java.util.Objects.equals(key.name, name);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(name, version);
        }
    }
}
