package io.pushtrain.train.people;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "train_api_token")
public class ApiTokenEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "person_id")
    private PersonEntity person;

    private String tokenSha256;

    private String label;

    private Instant createdAt;

    private Instant revokedAt;

    protected ApiTokenEntity() {
    }

    public ApiTokenEntity(PersonEntity person, String tokenSha256, String label) {
        this.person = person;
        this.tokenSha256 = tokenSha256;
        this.label = label;
        this.createdAt = Instant.now();
    }

    public PersonEntity person() {
        return person;
    }
}
