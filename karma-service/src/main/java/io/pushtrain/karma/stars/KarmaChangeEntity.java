package io.pushtrain.karma.stars;

import java.time.Instant;

import io.pushtrain.karma.KarmaChange;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of a person's karma history; rows are only ever added. */
@Entity
@Table(name = "karma_change")
public class KarmaChangeEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String person;

    @Column(name = "from_stars")
    private int from;

    @Column(name = "to_stars")
    private int to;

    private String changedBy;

    private Instant changedAt;

    private String reason;

    protected KarmaChangeEntity() {
    }

    public KarmaChangeEntity(KarmaChange change) {
        this.person = change.person();
        this.from = change.from();
        this.to = change.to();
        this.changedBy = change.by();
        this.changedAt = change.at();
        this.reason = change.reason();
    }

    public KarmaChange toChange() {
        return new KarmaChange(person, from, to, changedBy, changedAt, reason);
    }
}
