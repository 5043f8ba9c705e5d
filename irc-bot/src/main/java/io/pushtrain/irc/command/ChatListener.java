package io.pushtrain.irc.command;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import io.pushtrain.irc.IrcProperties;
import io.pushtrain.irc.connection.IrcConnection;
import io.pushtrain.irc.identity.Identities;
import io.pushtrain.train.People;
import io.pushtrain.train.Person;

import org.pircbotx.hooks.ListenerAdapter;
import org.pircbotx.hooks.events.MessageEvent;
import org.pircbotx.hooks.events.PrivateMessageEvent;
import org.pircbotx.hooks.events.WhoisEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Hears commands in the channels and in private messages. On the thread that reads the server
 * it parses, rate-limits and notes who the nick is; the train is then called on a worker, so a
 * slow answer never holds up reading the next line.
 */
@Component
@Order(2)
class ChatListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ChatListener.class);
    private static final long PENDING_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final CommandRunner runner;
    private final Identities identities;
    private final People people;
    private final IrcConnection connection;
    private final FloodGuard flood;
    private final IrcProperties properties;
    private final Map<String, Pending> awaitingWhois = new ConcurrentHashMap<>();
    private final ExecutorService workers;

    ChatListener(CommandRunner runner, Identities identities, People people, IrcConnection connection,
            IrcProperties properties) {
        this.runner = runner;
        this.identities = identities;
        this.people = people;
        this.connection = connection;
        this.properties = properties;
        this.flood = new FloodGuard(properties.flood().commands(), properties.flood().per());
        this.workers = new ThreadPoolExecutor(4, 4, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(10_000),
                runnable -> {
                    Thread thread = new Thread(runnable, "irc-command");
                    thread.setDaemon(true);
                    return thread;
                }, (task, pool) -> log.warn("IRC: 10000 commands wait; dropped one"));
    }

    @Override
    public void onMessage(MessageEvent event) {
        String account = event.getTags() == null ? null : event.getTags().get("account");
        heard(event.getUserHostmask().getNick(), event.getChannel().getName(), event.getMessage(), account);
    }

    @Override
    public void onPrivateMessage(PrivateMessageEvent event) {
        heard(event.getUserHostmask().getNick(), null, event.getMessage(), null);
    }

    /** The answer to the WHOIS sent for an unknown nick's command: logged into services or not. */
    @Override
    public void onWhois(WhoisEvent event) {
        Pending pending = awaitingWhois.remove(key(event.getNick()));
        if (pending != null) {
            workers.execute(() -> byAccount(pending, event.getRegisteredAs()));
        }
    }

    private void heard(String nick, String channel, String text, String account) {
        Optional<Command> parsed = CommandParser.parse(text);
        if (parsed.isEmpty()) {
            return;
        }
        switch (flood.admit(nick, System.nanoTime())) {
            case WARN -> connection.notice(nick, "slow down: at most " + properties.flood().commands()
                    + " commands in " + properties.flood().per().toSeconds() + " s; I skip the rest until then");
            case DROP -> { }
            case RUN -> route(new Caller(nick, channel, identities.of(nick).map(Identities.Binding::person),
                    identities.ticket(nick), channel != null || connection.sharesChannelWith(nick)), parsed.get(), account);
        }
    }

    private void route(Caller caller, Command command, String account) {
        if (!command.changesState() || caller.person().isPresent()) {
            workers.execute(() -> answer(caller, command));
        }
        else if (account != null && !account.isBlank() && !account.equals("*")) {
            workers.execute(() -> byAccount(new Pending(caller, command, System.nanoTime()), account));
        }
        else {
            long now = System.nanoTime();
            awaitingWhois.values().removeIf(p -> now - p.since() > PENDING_NANOS);
            awaitingWhois.put(key(caller.nick()), new Pending(caller, command, now));
            connection.whois(caller.nick());
        }
    }

    private void byAccount(Pending pending, String account) {
        Caller caller = pending.caller();
        Optional<Person> person = account == null || account.isBlank() ? Optional.empty()
                : people.findByIrcAccount(account);
        if (person.isPresent() && identities.bind(caller.ticket(), person.get(), Identities.Proof.ACCOUNT)) {
            log.info("IRC: {} speaks for {} (services account {})", caller.nick(), person.get().name(), account);
            answer(caller.as(person.get().name()), pending.command());
        }
        else {
            reply(caller, List.of(runner.notIdentified(pending.command())));
        }
    }

    private void answer(Caller caller, Command command) {
        reply(caller, runner.run(caller, command));
    }

    private void reply(Caller caller, List<String> lines) {
        for (String line : lines.subList(0, Math.min(2, lines.size()))) {
            if (caller.privately()) {
                connection.say(caller.nick(), line);
            }
            else {
                connection.say(caller.channel(), caller.nick() + ": " + line);
            }
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    private static String key(String nick) {
        return nick.toLowerCase(Locale.ROOT);
    }

    private record Pending(Caller caller, Command command, long since) {
    }
}
