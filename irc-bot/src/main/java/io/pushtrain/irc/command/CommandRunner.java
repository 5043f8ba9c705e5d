package io.pushtrain.irc.command;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.pushtrain.irc.ConsoleLinks;
import io.pushtrain.irc.IrcProperties;
import io.pushtrain.irc.connection.IrcConnection;
import io.pushtrain.irc.connection.IrcText;
import io.pushtrain.irc.identity.Identities;
import io.pushtrain.karma.Karma;
import io.pushtrain.karma.KarmaException;
import io.pushtrain.karma.KarmaStanding;
import io.pushtrain.train.People;
import io.pushtrain.train.PickBlockers;
import io.pushtrain.train.Person;
import io.pushtrain.train.PickRequest;
import io.pushtrain.train.PickRequested;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PresenceExtension;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushState;
import io.pushtrain.train.PushView;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.RevisionView;
import io.pushtrain.train.Revisions;
import io.pushtrain.train.Role;
import io.pushtrain.train.TrainException;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.TrainView;
import io.pushtrain.train.Trains;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a parsed command against the train and words the answer: one or two lines, never a
 * stack trace. What the train refuses comes back in the train's own words.
 */
@Component
class CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final Picks picks;
    private final Pushes pushes;
    private final Trains trains;
    private final Revisions revisions;
    private final People people;
    private final Karma karma;
    private final Identities identities;
    private final IrcProperties properties;
    private final IrcConnection connection;
    private final ConsoleLinks links;
    private final PickBlockers blockers;
    private final java.time.ZoneId zone;

    CommandRunner(Picks picks, Pushes pushes, Trains trains, Revisions revisions, People people, Karma karma,
            Identities identities, IrcProperties properties, IrcConnection connection, ConsoleLinks links,
            PickBlockers blockers, TrainProperties train) {
        this.links = links;
        this.blockers = blockers;
        this.zone = train.zone();
        this.picks = picks;
        this.pushes = pushes;
        this.trains = trains;
        this.revisions = revisions;
        this.people = people;
        this.karma = karma;
        this.identities = identities;
        this.properties = properties;
        this.connection = connection;
    }

    List<String> run(Caller caller, Command command) {
        try {
            return answer(caller, command);
        }
        catch (TrainException | KarmaException refused) {
            return List.of(refused.getMessage());
        }
        catch (RuntimeException failure) {
            log.warn("IRC: {} from {} failed", command.getClass().getSimpleName(), caller.nick(), failure);
            return List.of("that failed on pushtrain's side (" + failure.getClass().getSimpleName()
                    + "); the server log says more");
        }
    }

    private List<String> answer(Caller caller, Command command) {
        // Java 17: no pattern matching in switch yet, so one instanceof per command.
        if (command instanceof Command.Help) {
            return help();
        }
        if (command instanceof Command.Unknown unknown) {
            return List.of("unknown command !" + IrcText.quote(unknown.word(), 30) + "; !help lists the commands");
        }
        if (command instanceof Command.Malformed malformed) {
            return List.of("usage: " + malformed.usage() + " (" + malformed.problem() + ")");
        }
        return List.of(answerOne(caller, command));
    }

    private String answerOne(Caller caller, Command command) {
        if (command instanceof Command.Pick pick) {
            return pick(caller, pick);
        }
        if (command instanceof Command.Picks) {
            return picks();
        }
        if (command instanceof Command.Status status) {
            return status(status.revision());
        }
        if (command instanceof Command.Push) {
            return push(caller);
        }
        if (command instanceof Command.Here) {
            return here(caller);
        }
        if (command instanceof Command.Presence presence) {
            return presence(caller, presence);
        }
        if (command instanceof Command.Freeze freeze) {
            return freeze(caller, freeze.reason());
        }
        if (command instanceof Command.Unfreeze) {
            return unfreeze(caller);
        }
        if (command instanceof Command.Emergency emergency) {
            return emergency(caller, emergency);
        }
        if (command instanceof Command.Withdraw withdraw) {
            return withdraw(caller, withdraw.pick());
        }
        if (command instanceof Command.Backport backport) {
            return backport(caller, backport);
        }
        if (command instanceof Command.Karma k) {
            return karma(caller, k.nick());
        }
        if (command instanceof Command.Oncall oncall) {
            return oncall(oncall.team());
        }
        if (command instanceof Command.Flag flag) {
            return flag(flag.name());
        }
        if (command instanceof Command.Identify identify) {
            return identify(caller, identify.token());
        }
        throw new IllegalStateException("no answer for " + command.getClass().getSimpleName());
    }

    /** What an unbound nick is told when it sends a command that changes the train. */
    String notIdentified(Command command) {
        return "I don't know who you are, so I can't take " + name(command) + ": send me /msg " + connection.nick()
                + " !identify <api-token> (a token from POST /api/users/<you>/tokens), or log into the services"
                + " account your pushtrain user names as ircAccount";
    }

    private List<String> help() {
        String who = connection.nick();
        return List.of("commands: !pick <sha> <reason> · !backport <id> <sha> · !picks · !status <rev> · !here · "
                + "!withdraw <id> · !karma [nick] · !oncall [team] · !flag <name> · !push, !presence end|extend <10m>|skip <nick>, !freeze <reason>, !unfreeze, !emergency <id...> <reason> (release engineer) · !help",
                "!pick, !backport, !here, !withdraw and !push need to know who you are: /msg " + who
                        + " !identify <api-token> (private message only)");
    }

    private String pick(Caller caller, Command.Pick command) {
        PickRequested requested = picks.request(new PickRequest(command.commit(), command.reason(), null, person(caller)));
        PickView pick = requested.pick();
        String commit = pick.commit().substring(0, 10);
        if (pick.state() == PickState.REFUSED_KARMA) {
            return "pick #" + pick.id() + " refused: " + pick.detail();
        }
        if (requested.duplicate()) {
            return "pick #" + pick.id() + " already asks for " + commit + " (requested by " + pick.requester() + ", "
                    + pick.state() + ")";
        }
        return "pick #" + pick.id() + " requested: " + commit + " \"" + IrcText.quote(pick.subject(), 80) + "\" — "
                + count(pick.filesChanged(), "file") + ", " + count(pick.linesChanged(), "line") + ", risk " + pick.risk()
                + "; the release engineer decides";
    }

    private String picks() {
        Optional<TrainView> train = trains.current();
        if (train.isEmpty()) {
            return "there is no release train yet: nothing to pick into";
        }
        List<PickView> open = picks.list(train.get().id(), null).stream()
            .filter(p -> p.state() == PickState.REQUESTED || p.state().isQueued()).toList();
        if (open.isEmpty()) {
            return train.get().branch() + ": no picks wait for a push";
        }
        return train.get().branch() + ": " + open.size() + (open.size() == 1 ? " pick waits — " : " picks wait — ")
                + open.stream().map(p -> "#" + p.id() + " " + p.requester() + " " + p.commit().substring(0, 8) + " "
                        + p.state()).collect(Collectors.joining(", "));
    }

    private String status(String revision) {
        RevisionView where = revisions.where(revision);
        String trainsPart = where.trains().isEmpty() ? "in no train yet"
                : "in " + where.trains().stream().map(t -> t.branch() + " (" + t.how() + frozen(t.train()) + ")")
                    .collect(Collectors.joining(", "));
        if (where.madeBy() != null) {
            PickView pick = where.madeBy();
            return where.commit().substring(0, 10) + " \"" + IrcText.quote(where.subject(), 60) + "\": pick #"
                    + pick.id() + " of " + pick.commit().substring(0, 10)
                    + (pick.push() == null ? "" : ", made by push " + pick.push()) + ", now " + pick.state() + "; "
                    + where.trains().stream().map(t -> t.branch()).collect(Collectors.joining(", "));
        }
        String picksPart = where.picks().isEmpty() ? "never requested"
                : where.picks().stream().map(this::pickStatus).collect(Collectors.joining(", "));
        return where.commit().substring(0, 10) + " \"" + IrcText.quote(where.subject(), 60) + "\" by " + where.author()
                + ": " + (where.onTrunk() ? "on trunk" : "not on trunk") + "; " + trainsPart + "; " + picksPart;
    }

    /** ", frozen: <reason>" for a frozen train: why a pick on it does not go out. */
    private String frozen(long train) {
        TrainView.Freeze freeze = trains.get(train).freeze();
        return freeze == null ? "" : ", frozen: " + IrcText.quote(freeze.reason(), 80);
    }

    /** The pick's state and, as the dashboard and the API say it, what holds it back. */
    private String pickStatus(PickView pick) {
        String where = pick.push() == null ? "" : " in push " + pick.push();
        String blockedBy = blockers.of(pick).blockedBy();
        return "pick #" + pick.id() + " " + pick.state() + where
                + (blockedBy == null ? "" : ": " + IrcText.quote(blockedBy, 200));
    }

    private String push(Caller caller) {
        Person person = people.get(person(caller));
        if (!person.has(Role.RELEASE_ENGINEER)) {
            return "only a release engineer can start a push, and " + person.name() + " is not one";
        }
        PushView push = pushes.start(null, PushKind.PICKS, person.name());
        return "push " + push.id() + " of " + push.branch() + " started; " + String.join(", ", connection.channels())
                + " hears how it goes";
    }

    private String presence(Caller caller, Command.Presence command) {
        Person person = people.get(person(caller));
        if (!person.has(Role.RELEASE_ENGINEER)) {
            return "only a release engineer can end, extend or skip a presence wait, and " + person.name()
                    + " is not one";
        }
        PushView running = pushes.latest().filter(p -> p.state() == PushState.RUNNING)
            .orElseThrow(() -> new TrainException.Refused("no push is running, so none waits for presence"));
        switch (command.action()) {
            case "end" -> {
                pushes.endPresence(running.id(), person.name());
                return "push " + running.id() + ": presence wait ended by " + person.name()
                        + "; whoever has not answered !here is deferred to the next push";
            }
            case "extend" -> {
                PresenceExtension extension = new PresenceExtension(command.by());
                PushView push = pushes.extendPresence(running.id(), extension, person.name());
                return "push " + running.id() + ": presence wait extended by " + extension.words() + ", until "
                        + clock(push.presenceDeadline()) + "; answer !here before then";
            }
            default -> {
                String requester = personOf(command.nick()).orElse(command.nick());
                PushView push = pushes.skipRequester(running.id(), requester, person.name());
                long deferred = push.picks().stream()
                    .filter(p -> p.requester().equals(requester) && p.state() == PickState.DEFERRED).count();
                return "push " + running.id() + ": skipped " + requester + "; " + count((int) deferred, "pick")
                        + " deferred to the next push";
            }
        }
    }

    private String freeze(Caller caller, String reason) {
        Person person = releaseEngineer(caller, "freeze a train");
        TrainView train = currentTrain("freeze");
        trains.freeze(train.id(), reason, person.name());
        return train.branch() + " frozen by " + person.name() + ": " + IrcText.quote(reason, 120)
                + "; no push starts on it until !unfreeze (an !emergency push still may)";
    }

    private String unfreeze(Caller caller) {
        Person person = releaseEngineer(caller, "unfreeze a train");
        TrainView train = currentTrain("unfreeze");
        trains.unfreeze(train.id(), person.name());
        return train.branch() + " unfrozen by " + person.name() + "; pushes start on it again as scheduled";
    }

    private String emergency(Caller caller, Command.Emergency command) {
        Person person = releaseEngineer(caller, "start an emergency push");
        PushView push = pushes.startEmergency(command.picks(), command.reason(), person.name());
        return "emergency push " + push.id() + " of " + push.branch() + " started by " + person.name() + " for "
                + command.picks().stream().map(id -> "#" + id).collect(Collectors.joining(", "))
                + ", without the presence wait: " + links.to("/pushes/" + push.id());
    }

    private Person releaseEngineer(Caller caller, String what) {
        Person person = people.get(person(caller));
        if (!person.has(Role.RELEASE_ENGINEER)) {
            throw new TrainException.NotAllowed("only a release engineer can " + what + ", and " + person.name()
                    + " is not one");
        }
        return person;
    }

    private TrainView currentTrain(String what) {
        return trains.current()
            .orElseThrow(() -> new TrainException.Refused("there is no release train yet: nothing to " + what));
    }

    private String clock(java.time.Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(zone)) + " " + zone.getId();
    }

    private String here(Caller caller) {
        List<PickView> confirmed = picks.confirmAll(person(caller));
        if (confirmed.isEmpty()) {
            return person(caller) + " has no approved picks waiting for a push; nothing to confirm";
        }
        return "thanks " + person(caller) + ", you are here for " + (confirmed.size() == 1 ? "pick " : "picks ")
                + confirmed.stream().map(p -> "#" + p.id()).collect(Collectors.joining(", "));
    }

    private String backport(Caller caller, Command.Backport command) {
        Person person = people.get(person(caller));
        PickView pick = picks.backport(command.pick(), command.commit(), person.name(),
                person.has(Role.RELEASE_ENGINEER));
        return "pick #" + pick.id() + " takes backport " + pick.backport().substring(0, 10) + " in place of "
                + pick.commit().substring(0, 10) + "; it is " + pick.state() + " again, and the next push lands it"
                + " (answer !here then)";
    }

    private String withdraw(Caller caller, long id) {
        Person person = people.get(person(caller));
        PickView pick = picks.withdraw(id, person.name(), person.has(Role.RELEASE_ENGINEER));
        return "pick #" + pick.id() + " (" + pick.commit().substring(0, 10) + ") withdrawn";
    }

    private String karma(Caller caller, String nick) {
        String who = nick == null ? caller.nick() : nick;
        Optional<String> person = nick == null && caller.person().isPresent() ? caller.person() : personOf(who);
        if (person.isEmpty()) {
            return "nobody in pushtrain goes by " + IrcText.quote(who, 30) + " (people are known by name,"
                    + " ircAccount, or a nick bound with !identify)";
        }
        KarmaStanding standing = karma.standing(person.get());
        return "★".repeat(standing.stars()) + "☆".repeat(Math.max(0, 5 - standing.stars())) + " " + standing.message();
    }

    private Optional<String> personOf(String nick) {
        return identities.of(nick).map(Identities.Binding::person)
            .or(() -> people.findByIrcAccount(nick).map(Person::name))
            .or(() -> people.find(nick.toLowerCase(java.util.Locale.ROOT)).map(Person::name));
    }

    private String oncall(String team) {
        Map<String, String> oncall = properties.oncall();
        if (oncall.isEmpty()) {
            return "nobody is on call here yet: the operator sets pushtrain.irc.oncall.<team>=<nick>";
        }
        if (team == null) {
            return "on call: " + oncall.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " → " + e.getValue()).collect(Collectors.joining(", "));
        }
        String nick = oncall.get(team);
        return nick != null ? team + ": " + nick + " is on call"
                : "no on-call entry for " + IrcText.quote(team, 30) + "; teams: "
                        + oncall.keySet().stream().sorted().collect(Collectors.joining(", "));
    }

    private String flag(String name) {
        // The flags module's API is still moving; the bot links to its console instead of calling it.
        return "flags are in the Gatekeeper console: " + links.to("/flags/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    private String identify(Caller caller, String token) {
        if (!caller.privately()) {
            return "never paste an API token in a channel: revoke that token now and make a new one"
                    + " (POST /api/users/<you>/tokens), then send it only as /msg " + connection.nick() + " !identify <token>";
        }
        if (!caller.inSharedChannel()) {
            return "join " + String.join(" or ", connection.channels()) + " first, then identify: the binding lasts"
                    + " while you stay there under this nick";
        }
        Optional<Person> person = people.authenticate(token);
        if (person.isEmpty()) {
            return "that token is not valid: it may be revoked or mistyped";
        }
        if (!identities.bind(caller.ticket(), person.get(), Identities.Proof.TOKEN)) {
            return "your nick changed hands while I checked; identify again";
        }
        log.info("IRC: {} speaks for {} (API token)", caller.nick(), person.get().name());
        return "you are " + person.get().name() + " now, as long as you keep the nick " + caller.nick() + " and stay in "
                + String.join(" or ", connection.channels());
    }

    private static String person(Caller caller) {
        return caller.person().orElseThrow(() -> new IllegalStateException("state-changing command without identity"));
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    static String name(Command command) {
        return "!" + command.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
