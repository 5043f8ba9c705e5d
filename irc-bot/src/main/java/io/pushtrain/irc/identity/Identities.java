package io.pushtrain.irc.identity;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.pushtrain.train.Person;

import org.springframework.stereotype.Component;

/**
 * Which nick speaks for which pushtrain person right now. A binding is made by
 * {@code !identify <token>} or a services account the person named as their {@code ircAccount};
 * it ends when the nick quits, leaves the bot's channels or changes nick, because someone else
 * may take that nick next.
 */
@Component
public class Identities {

    private final Map<String, Binding> byNick = new ConcurrentHashMap<>();
    private final Map<String, Long> epochs = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();

    /** How a nick proved who it is. */
    public enum Proof {
        /** An API token in a private message. */
        TOKEN,
        /** A services account the server vouched for. */
        ACCOUNT
    }

    /** A nick bound to a person. */
    public record Binding(String nick, String person, Proof proof) {
    }

    /**
     * What the bot knew about a nick when one of its lines arrived: a binding made from that line
     * later only holds if the nick has not changed hands meanwhile.
     */
    public record Ticket(String nick, long epoch) {
    }

    /** The person a nick speaks for, if bound. */
    public Optional<Binding> of(String nick) {
        return Optional.ofNullable(byNick.get(key(nick)));
    }

    /** Taken when a line from the nick arrives, before anything slow is done with it. */
    public Ticket ticket(String nick) {
        return new Ticket(nick, epochs.getOrDefault(key(nick), 0L));
    }

    /** Binds the nick unless it quit, left or changed nick since the ticket; answers whether it did. */
    public boolean bind(Ticket ticket, Person person, Proof proof) {
        String key = key(ticket.nick());
        boolean[] bound = { false };
        epochs.compute(key, (k, epoch) -> {
            long now = epoch == null ? 0L : epoch;
            if (now == ticket.epoch()) {
                byNick.put(k, new Binding(ticket.nick(), person.name(), proof));
                bound[0] = true;
            }
            return now;
        });
        return bound[0];
    }

    /** The nick quit, left or was renamed: whoever uses it next is nobody until they identify. */
    public void forget(String nick) {
        String key = key(nick);
        epochs.compute(key, (k, epoch) -> {
            byNick.remove(k);
            return clock.incrementAndGet();
        });
    }

    /** The bot lost the server and saw nobody leave meanwhile: every binding ends. */
    public void forgetAll() {
        byNick.keySet().forEach(this::forget);
    }

    /** The nick a person is bound under now, if any. */
    public Optional<String> nickOf(String person) {
        return byNick.values().stream().filter(b -> b.person().equals(person)).map(Binding::nick).findFirst();
    }

    /** Where to reach a person: their bound nick, else their services account, else their name. */
    public String addressOf(String person, String ircAccount) {
        return nickOf(person).orElse(ircAccount != null && !ircAccount.isBlank() ? ircAccount : person);
    }

    private static String key(String nick) {
        // IRC nicks compare case-insensitively; ngircd and most servers use ASCII rules.
        return nick.toLowerCase(Locale.ROOT);
    }
}
