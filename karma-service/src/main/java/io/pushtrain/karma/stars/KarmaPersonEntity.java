package io.pushtrain.karma.stars;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person's current stars; someone without a row has the default. */
@Entity
@Table(name = "karma_person")
public class KarmaPersonEntity {

    @Id
    private String person;

    private int stars;

    private Instant updatedAt;

    protected KarmaPersonEntity() {
    }

    public int stars() {
        return stars;
    }

    public void moveTo(int stars, Instant at) {
        this.stars = stars;
        this.updatedAt = at;
    }
}
