package io.pushtrain.train;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.pushtrain.train.people.ApiTokenEntity;
import io.pushtrain.train.people.ApiTokenRepository;
import io.pushtrain.train.people.PersonEntity;
import io.pushtrain.train.people.PersonRepository;
import io.pushtrain.train.people.TokenHash;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people who talk to the train, their roles and their API tokens. */
@Service
@Transactional
public class People {

    private static final Logger log = LoggerFactory.getLogger(People.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
    private static final SecureRandom random = new SecureRandom();

    private final PersonRepository persons;
    private final ApiTokenRepository tokens;
    private final AuditLog audit;

    People(PersonRepository persons, ApiTokenRepository tokens, AuditLog audit) {
        this.persons = persons;
        this.tokens = tokens;
        this.audit = audit;
    }

    /** A person added by {@code by} (an ADMIN, from the API or the People page), in the audit log. */
    public Person create(NewPerson person, String by) {
        checkMayGrant(person.roles(), by);
        Person created = create(person);
        audit.record(by, "user create", "user " + created.name(), "roles " + sorted(created.roles()), null);
        return created;
    }

    public Person create(NewPerson person) {
        if (person.name() == null || !NAME.matcher(person.name()).matches()) {
            throw new TrainException.Invalid("a name is 1 to 64 characters of a-z, 0-9, '.', '_' or '-',"
                    + " starting with a letter; got '" + person.name() + "'");
        }
        if (person.roles() == null || person.roles().isEmpty()) {
            throw new TrainException.Invalid("give " + person.name() + " at least one role of "
                    + List.of(Role.values()));
        }
        if (persons.existsByName(person.name())) {
            throw new TrainException.Refused("there is already a person named " + person.name());
        }
        if (person.ircAccount() != null && persons.existsByIrcAccount(person.ircAccount())) {
            throw new TrainException.Refused("the IRC account " + person.ircAccount() + " already belongs to someone");
        }
        return persons.save(new PersonEntity(person)).toPerson();
    }

    @Transactional(readOnly = true)
    public Optional<Person> find(String name) {
        return persons.findByName(name).map(PersonEntity::toPerson);
    }

    @Transactional(readOnly = true)
    public Person get(String name) {
        return find(name).orElseThrow(() -> new TrainException.Unknown("nobody is named " + name));
    }

    @Transactional(readOnly = true)
    public Optional<Person> findByIrcAccount(String ircAccount) {
        return persons.findByIrcAccount(ircAccount).map(PersonEntity::toPerson);
    }

    @Transactional(readOnly = true)
    public List<Person> all() {
        return persons.findAllByOrderByName().stream().map(PersonEntity::toPerson).toList();
    }

    @Transactional(readOnly = true)
    public boolean nobodyYet() {
        return persons.count() == 0;
    }

    @Transactional(readOnly = true)
    public Optional<Credentials> credentials(String name) {
        return persons.findByName(name).map(p -> new Credentials(p.toPerson(), p.passwordHash()));
    }

    /**
     * A new API token for {@code name}, minted by {@code by}: a person mints their own, only an
     * ADMIN mints one for somebody else (a token is the person: minting one for another is
     * acting as them).
     */
    public String issueToken(String name, String label, String by) {
        if (!name.equals(by) && !get(by).has(Role.ADMIN)) {
            throw new TrainException.NotAllowed(by + " may mint tokens only for themselves; an ADMIN mints tokens"
                    + " for other people");
        }
        String token = issueToken(name, label);
        audit.record(by, "token mint", "user " + name, label == null ? null : "label " + label, null);
        return token;
    }

    /**
     * Refuses {@code by} handing out the ADMIN role unless they have it: a release engineer who
     * could create an admin could mint tokens for anyone through it.
     */
    @Transactional(readOnly = true)
    public void checkMayGrant(Set<Role> roles, String by) {
        if (roles != null && roles.contains(Role.ADMIN) && !get(by).has(Role.ADMIN)) {
            throw new TrainException.NotAllowed("only an ADMIN gives the ADMIN role");
        }
    }

    /**
     * Gives {@code name} exactly these roles. Only an ADMIN changes roles (a release engineer who
     * could make themselves ADMIN could mint tokens for anyone), and the last ADMIN keeps the role:
     * without one, nobody could look after people and tokens any more.
     */
    public Person changeRoles(String name, Set<Role> roles, String by) {
        if (!get(by).has(Role.ADMIN)) {
            throw new TrainException.NotAllowed("only an ADMIN changes roles; " + by + " is not one");
        }
        if (roles == null || roles.isEmpty()) {
            throw new TrainException.Invalid("give " + name + " at least one role of " + List.of(Role.values()));
        }
        PersonEntity person = persons.findByName(name)
            .orElseThrow(() -> new TrainException.Unknown("nobody is named " + name));
        if (person.toPerson().has(Role.ADMIN) && !roles.contains(Role.ADMIN)
                && persons.countWithRole(Role.ADMIN) <= 1) {
            throw new TrainException.Refused(name + " is the last ADMIN; make somebody else ADMIN first");
        }
        Set<Role> before = person.toPerson().roles();
        person.changeRoles(roles);
        log.info("{} changed the roles of {} from {} to {}", by, name, sorted(before), sorted(roles));
        audit.record(by, "user roles", "user " + name, "roles " + sorted(roles), null);
        return person.toPerson();
    }

    private static List<Role> sorted(Set<Role> roles) {
        return roles.stream().sorted().toList();
    }

    /** How many live API tokens each person has; people without one are left out. */
    @Transactional(readOnly = true)
    public Map<String, Long> liveTokens() {
        return tokens.countLiveByPerson().stream()
            .collect(Collectors.toMap(row -> (String) row[0], row -> (Long) row[1]));
    }

    /**
     * A new API token for the person, minted by the server itself (the demo fleet); only its hash
     * is kept, so this is the one time it is seen.
     */
    public String issueToken(String name, String label) {
        PersonEntity person = persons.findByName(name)
            .orElseThrow(() -> new TrainException.Unknown("nobody is named " + name));
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String token = "pt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.save(new ApiTokenEntity(person, TokenHash.of(token), label));
        return token;
    }

    /** Revokes every live API token of the person (a host retired, a token leaked); answers how many. */
    public int revokeTokens(String name) {
        persons.findByName(name).orElseThrow(() -> new TrainException.Unknown("nobody is named " + name));
        return tokens.revokeAll(name);
    }

    /** Revokes the person's tokens for {@code by}, in the audit log. */
    public int revokeTokens(String name, String by) {
        int revoked = revokeTokens(name);
        audit.record(by, "token revoke", "user " + name, revoked + " token(s) revoked", null);
        return revoked;
    }

    /** The person a live token belongs to. */
    @Transactional(readOnly = true)
    public Optional<Person> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return tokens.findByTokenSha256AndRevokedAtIsNull(TokenHash.of(token))
            .map(t -> t.person().toPerson());
    }
}
