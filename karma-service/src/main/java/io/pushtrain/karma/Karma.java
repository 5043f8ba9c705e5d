package io.pushtrain.karma;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.pushtrain.karma.stars.KarmaChangeEntity;
import io.pushtrain.karma.stars.KarmaChangeRepository;
import io.pushtrain.karma.stars.KarmaPersonEntity;
import io.pushtrain.karma.stars.KarmaPersonRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Push karma: every requester's stars (1 to 5), who liked or unliked them and why, and whether
 * the train takes their picks.
 */
@Service
@Transactional
public class Karma {

    /** Who changes karma by an automatic effect, in the history. */
    public static final String AUTOMATIC = "pushtrain";

    private static final int MAX_NAME = 64;
    private static final int MAX_REASON = 2000;

    private final KarmaPersonRepository persons;
    private final KarmaChangeRepository changes;
    private final KarmaProperties properties;
    private final ApplicationEventPublisher events;

    Karma(KarmaPersonRepository persons, KarmaChangeRepository changes, KarmaProperties properties,
            ApplicationEventPublisher events) {
        this.persons = persons;
        this.changes = changes;
        this.properties = properties;
        this.events = events;
    }

    /** The person's stars; someone nobody has changed has the configured default. */
    @Transactional(readOnly = true)
    public int stars(String person) {
        return persons.findById(name(person, "person")).map(KarmaPersonEntity::stars)
            .orElse(properties.defaultStars());
    }

    /** Whether the train takes the person's picks, with the sentence to show them. */
    @Transactional(readOnly = true)
    public KarmaStanding standing(String person) {
        return KarmaStanding.of(person, stars(person), properties);
    }

    /** Shorthand for {@code !standing(person).refused()}. */
    @Transactional(readOnly = true)
    public boolean mayPick(String person) {
        return !standing(person).refused();
    }

    /** Every change of the person's karma, newest first. */
    @Transactional(readOnly = true)
    public List<KarmaChange> history(String person) {
        return changes.findByPersonOrderByChangedAtDescIdDesc(name(person, "person")).stream()
            .map(KarmaChangeEntity::toChange).toList();
    }

    /** One star up (at most 5), by a release engineer, with the reason. */
    public KarmaChange like(String person, String by, String reason) {
        return byPerson(person, by, reason, +1);
    }

    /** One star down (at least 1), by a release engineer, with the reason. */
    public KarmaChange unlike(String person, String by, String reason) {
        return byPerson(person, by, reason, -1);
    }

    /**
     * The automatic effect of an offence, if {@code pushtrain.karma.cost-of-*} turns it on;
     * otherwise nothing happens and the answer is empty.
     */
    public Optional<KarmaChange> penalize(String person, Offence offence, String detail) {
        int cost = properties.costOf(offence);
        if (cost == 0) {
            return Optional.empty();
        }
        String reason = detail == null || detail.isBlank() ? offence.words() : offence.words() + ": " + detail.strip();
        return Optional.of(apply(name(person, "person"), AUTOMATIC, truncate(reason), -cost));
    }

    private KarmaChange byPerson(String person, String by, String reason, int delta) {
        String who = name(person, "person");
        String changer = name(by, "who changes the karma");
        if (who.equalsIgnoreCase(changer)) {
            throw new KarmaException.OwnKarma("Nobody may change their own karma, " + changer
                    + "; ask another release engineer.");
        }
        if (reason == null || reason.isBlank()) {
            throw new KarmaException.Invalid("Give a reason: " + who + " and everyone after will read it in the"
                    + " karma history.");
        }
        if (reason.length() > MAX_REASON) {
            throw new KarmaException.Invalid("Keep the reason under " + MAX_REASON + " characters.");
        }
        return apply(who, changer, reason.strip(), delta);
    }

    private KarmaChange apply(String person, String by, String reason, int delta) {
        persons.createIfMissing(person, properties.defaultStars());
        KarmaPersonEntity row = persons.lock(person).orElseThrow();
        int from = row.stars();
        int to = Math.max(KarmaProperties.MIN_STARS, Math.min(KarmaProperties.MAX_STARS, from + delta));
        // Microseconds: what PostgreSQL keeps, so the answer equals what a later read returns.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row.moveTo(to, at);
        KarmaChange change = new KarmaChange(person, from, to, by, at, reason);
        changes.save(new KarmaChangeEntity(change));
        boolean refused = KarmaStanding.of(person, to, properties).refused();
        events.publishEvent(new KarmaChanged(person, from, to, by, at, reason, refused));
        return change;
    }

    private static String name(String name, String what) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            throw new KarmaException.Invalid("Name the " + what + " (1 to " + MAX_NAME + " characters); got '"
                    + name + "'.");
        }
        return name.strip();
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
