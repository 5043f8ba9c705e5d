package io.pushtrain.train.people;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import io.pushtrain.train.NewPerson;
import io.pushtrain.train.Person;
import io.pushtrain.train.Role;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

@Entity
@Table(name = "train_person")
public class PersonEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    private String passwordHash;

    private String ircAccount;

    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "train_person_role", joinColumns = @JoinColumn(name = "person_id"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    protected PersonEntity() {
    }

    public PersonEntity(NewPerson person) {
        this.name = person.name();
        this.passwordHash = person.passwordHash();
        this.ircAccount = person.ircAccount();
        this.roles = EnumSet.copyOf(person.roles());
        this.createdAt = Instant.now();
    }

    public Person toPerson() {
        return new Person(name, roles, ircAccount);
    }

    /** Replaces the person's roles; callers check who may do it. */
    public void changeRoles(Set<Role> roles) {
        this.roles.clear();
        this.roles.addAll(roles);
    }

    public String passwordHash() {
        return passwordHash;
    }
}
