package io.pushtrain.irc.presence;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import io.pushtrain.irc.connection.IrcConnection;
import io.pushtrain.irc.identity.Identities;
import io.pushtrain.train.People;
import io.pushtrain.train.Person;
import io.pushtrain.train.PickDeferred;
import io.pushtrain.train.PickState;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PresenceRequested;
import io.pushtrain.train.TrainProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A pick only goes out if its author shows up: when a push asks for presence, each requester
 * gets a private message and a mention in the channel; halfway to the deadline the ones still
 * missing are reminded once; at the deadline the missing hear their picks wait for the next push.
 */
@Component
class PresencePings {

    private static final Logger log = LoggerFactory.getLogger(PresencePings.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final IrcConnection connection;
    private final Identities identities;
    private final People people;
    private final Picks picks;
    private final TrainProperties train;
    private final ScheduledExecutorService reminders = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "irc-presence");
        thread.setDaemon(true);
        return thread;
    });

    PresencePings(IrcConnection connection, Identities identities, People people, Picks picks, TrainProperties train) {
        this.connection = connection;
        this.identities = identities;
        this.people = people;
        this.picks = picks;
        this.train = train;
    }

    /** After the presence step's transaction commits, so a quick {@code !here} finds the picks in the push. */
    @TransactionalEventListener(fallbackExecution = true)
    void presenceRequested(PresenceRequested request) {
        if (!connection.isRunning()) {
            return;
        }
        String until = until(request.deadline());
        List<String> nicks = new ArrayList<>();
        request.picksByRequester().forEach((person, ids) -> {
            String nick = address(person);
            nicks.add(nick);
            connection.say(nick, "push " + request.push() + " needs you: " + picksOf(ids)
                    + (ids.size() == 1 ? " ships" : " ship") + " only if you answer !here before " + until
                    + identifyHint(person));
        });
        connection.announce("push " + request.push() + ": " + String.join(", ", nicks) + " — answer !here before "
                + until + ", or your picks wait for the next push");
        Duration half = Duration.between(Instant.now(), request.deadline()).dividedBy(2);
        if (!half.isNegative()) {
            reminders.schedule(() -> remind(request), half.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The presence step deferred a pick whose requester did not answer in time. */
    @TransactionalEventListener(fallbackExecution = true)
    void pickDeferred(PickDeferred deferred) {
        if (!connection.isRunning()) {
            return;
        }
        String why = deferred.skippedBy() == null ? "nobody answered !here in time"
                : deferred.skippedBy() + " skipped you in its presence wait";
        connection.say(address(deferred.requester()), "pick #" + deferred.pick() + " (" + short10(deferred.commit())
                + ") missed push " + deferred.push() + ": " + why + ", so it moves to the next push");
    }

    private void remind(PresenceRequested request) {
        try {
            String until = until(request.deadline());
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, List<Long>> entry : request.picksByRequester().entrySet()) {
                List<Long> waiting = entry.getValue().stream()
                    .filter(id -> picks.get(id).state() == PickState.APPROVED).toList();
                if (!waiting.isEmpty()) {
                    String nick = address(entry.getKey());
                    missing.add(nick);
                    connection.say(nick, "reminder: push " + request.push() + " waits for your !here until " + until
                            + " (" + picksOf(waiting) + ")");
                }
            }
            if (!missing.isEmpty()) {
                connection.announce("push " + request.push() + " still waits for " + String.join(", ", missing)
                        + " until " + until + ": answer !here");
            }
        }
        catch (RuntimeException ex) {
            // A reminder is a courtesy: the deadline defers the picks whether or not it went out.
            log.warn("IRC: could not remind the requesters of push {}", request.push(), ex);
        }
    }

    private String address(String person) {
        return identities.nickOf(person)
            .orElseGet(() -> identities.addressOf(person, people.find(person).map(Person::ircAccount).orElse(null)));
    }

    private String identifyHint(String person) {
        return identities.nickOf(person).isPresent() ? ""
                : " (identify first: /msg " + connection.nick() + " !identify <api-token>)";
    }

    private String until(Instant deadline) {
        return TIME.format(deadline.atZone(train.zone())) + " " + train.zone().getId();
    }

    private static String picksOf(List<Long> ids) {
        return (ids.size() == 1 ? "your pick " : "your picks ")
                + ids.stream().map(id -> "#" + id).collect(Collectors.joining(", "));
    }

    static String short10(String sha) {
        return sha.length() > 10 ? sha.substring(0, 10) : sha;
    }

    @PreDestroy
    void stop() {
        reminders.shutdownNow();
    }
}
