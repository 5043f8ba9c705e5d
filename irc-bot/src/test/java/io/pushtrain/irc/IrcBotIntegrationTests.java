package io.pushtrain.irc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.pushtrain.irc.connection.IrcConnection;
import io.pushtrain.irc.connection.Ngircd;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.PickRequest;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PushState;
import io.pushtrain.train.PushView;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.Role;
import io.pushtrain.train.Trains;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bot on a real IRC server (ngircd), with a real train beneath it: developers are plain
 * socket clients that join #release, identify, pick, confirm presence and misbehave.
 */
@Tag("slow")
@DirtiesContext
@SpringBootTest(properties = { "pushtrain.push.presence-window=6s", "pushtrain.push.tick=200ms",
        "pushtrain.schedule.enabled=false", "pushtrain.irc.message-delay=5ms", "pushtrain.irc.oncall.search=alice",
        "pushtrain.public-url=https://pushtrain.example/" })
class IrcBotIntegrationTests {

    static final String CHANNEL = "#release";

    static Path dir;
    static Ngircd server;
    static TestTrunk remote;
    static ObjectId base;
    static ObjectId fixLogin;
    static ObjectId tuneCache;
    static ObjectId renameButton;
    static ObjectId injected;
    static ObjectId spare;
    static ObjectId fixTypo;
    static ObjectId fixSearch;
    static ObjectId fixAvatar;

    @BeforeAll
    static void startServerAndTrunk() throws IOException {
        dir = Files.createTempDirectory("irc-bot");
        server = TestIrcServer.start(dir.resolve("ngircd"));
        remote = TestTrunk.create(dir.resolve("remote.git"));
        base = remote.commit("ann", "Start the app", Map.of("a.txt", "a1\n", "b.txt", "b1\n", "c.txt", "c1\n",
                "d.txt", "d1\n", "e.txt", "e1\n"));
        fixLogin = remote.commit("alice", "Fix the login page", Map.of("a.txt", "a2\n"));
        tuneCache = remote.commit("carol", "Tune the cache", Map.of("c.txt", "c2\n"));
        renameButton = remote.commit("bob", "Rename the button", Map.of("b.txt", "b2\n"));
        injected = remote.commit("mallory", "Harmless\rQUIT :pwned\rPRIVMSG #release :owned", Map.of("d.txt", "d2\n"));
        spare = remote.commit("dan", "Tidy the footer", Map.of("e.txt", "e2\n"));
        fixTypo = remote.commit("dan", "Fix a typo", Map.of("e.txt", "e3\n"));
        fixSearch = remote.commit("ivan", "Fix the search box", Map.of("search.txt", "s1\n"));
        fixAvatar = remote.commit("frank", "Fix the avatar size", Map.of("avatar.txt", "a1\n"));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("pushtrain.trunk.remote", () -> remote.url());
        registry.add("pushtrain.data-dir", () -> dir.resolve("data").toString());
        registry.add("pushtrain.irc.host", () -> server.host());
        registry.add("pushtrain.irc.port", () -> server.port());
        registry.add("pushtrain.irc.channels", () -> CHANNEL);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    @Autowired
    IrcConnection bot;

    @Autowired
    People people;

    @Autowired
    Trains trains;

    @Autowired
    Picks picks;

    @Autowired
    Pushes pushes;

    final java.util.List<IrcClient> clients = new java.util.ArrayList<>();

    @BeforeEach
    void trainAndPeople() {
        await().atMost(Duration.ofSeconds(20)).until(() -> bot.inChannel(CHANNEL));
        if (trains.current().isEmpty()) {
            trains.cut(base.name(), "rita", true);
            for (String name : new String[] { "dana", "grace", "henry", "frank", "ivan" }) {
                people.create(new NewPerson(name, Set.of(Role.DEVELOPER), null, null));
            }
            people.create(new NewPerson("rita", Set.of(Role.RELEASE_ENGINEER, Role.DEVELOPER), null, null));
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(IrcClient::close);
    }

    @Test
    void helpListsTheCommandsInTwoLines() {
        IrcClient dev = joined("newbie");

        dev.say(CHANNEL, "!help");

        assertThat(text(dev.awaitFrom(bot.nick(), "newbie: commands:"))).contains("!pick <sha> <reason>", "!picks",
                "!status <rev>", "!here", "!withdraw <id>", "!karma [nick]", "!oncall [team]", "!flag <name>", "!push",
                "!presence end|extend <10m>|skip <nick>");
        assertThat(text(dev.awaitFrom(bot.nick(), "!identify <api-token>"))).contains("private message only");
    }

    @Test
    void malformedAndUnknownCommandsGetAUsageLine() {
        IrcClient dev = joined("clumsy");

        dev.say(CHANNEL, "!pick nothex because");
        assertThat(text(dev.awaitFrom(bot.nick(), "usage: !pick"))).isEqualTo(
                "clumsy: usage: !pick <sha> <reason> (<sha> is a trunk commit id, 4 to 40 hex digits)");
        dev.say(CHANNEL, "!status");
        assertThat(dev.awaitFrom(bot.nick(), "usage: !status <rev>")).isNotNull();
        dev.say(bot.nick(), "!frobnicate now");
        assertThat(text(dev.awaitFrom(bot.nick(), "unknown command"))).isEqualTo(
                "unknown command !frobnicate; !help lists the commands");
    }

    @Test
    void identifyInAChannelIsRefusedWithAWarningAndBindsNothing() {
        String token = people.issueToken("frank", "irc");
        IrcClient frank = joined("frank");

        frank.say(CHANNEL, "!identify " + token);

        String warning = frank.awaitFrom(bot.nick(), "never paste an API token");
        assertThat(warning).contains("revoke that token").doesNotContain(token);
        frank.say(CHANNEL, "!pick " + spare.name() + " the footer is broken");
        assertThat(text(frank.awaitFrom(bot.nick(), "I don't know who you are"))).contains("!identify <api-token>");
        assertThat(picks.ofCommit(spare.name())).isEmpty();
    }

    @Test
    void aPickFromAnIdentifiedNickIsRequestedAndAnsweredWithItsIdAndRisk() {
        IrcClient dana = identified("dana_", "dana");

        dana.say(CHANNEL, "!pick " + fixLogin.name().substring(0, 10) + " users cannot log in");

        String answer = text(dana.awaitFrom(bot.nick(), "requested"));
        PickView pick = picks.ofCommit(fixLogin.name()).get(0);
        assertThat(answer).startsWith("dana_: pick #" + pick.id() + " requested: " + fixLogin.name().substring(0, 10)
                + " \"Fix the login page\"").contains("1 file, 2 lines, risk " + pick.risk());
        assertThat(pick.requester()).isEqualTo("dana");
        assertThat(pick.reason()).isEqualTo("users cannot log in");
        assertThat(pick.state()).isEqualTo(PickState.REQUESTED);

        dana.say(CHANNEL, "!picks");
        assertThat(text(dana.awaitFrom(bot.nick(), "1 pick waits"))).isEqualTo("dana_: " + trains.current().orElseThrow()
            .branch() + ": 1 pick waits — #" + pick.id() + " dana " + fixLogin.name().substring(0, 8) + " REQUESTED");
    }

    @Test
    void anUnidentifiedNickIsRefusedAndToldHowToIdentify() {
        IrcClient stranger = joined("stranger");

        stranger.say(CHANNEL, "!pick " + fixTypo.name().substring(0, 8) + " please");
        stranger.say(CHANNEL, "!here");

        assertThat(text(stranger.awaitFrom(bot.nick(), "can't take !pick"))).contains("/msg " + bot.nick()
                + " !identify <api-token>");
        assertThat(stranger.awaitFrom(bot.nick(), "can't take !here")).isNotNull();
        assertThat(picks.ofCommit(fixTypo.name())).isEmpty();
    }

    @Test
    void aNickChangeEndsTheBinding() {
        IrcClient ivan = identified("ivan", "ivan");

        ivan.changeNick("ivan_away");
        ivan.changeNick("ivan");
        ivan.say(CHANNEL, "!withdraw 1");

        assertThat(ivan.awaitFrom(bot.nick(), "ivan: I don't know who you are, so I can't take !withdraw")).isNotNull();
    }

    @Test
    void aRevisionIsLookedUpAndAnUnknownOneIsSaidSo() {
        IrcClient dev = joined("curious");

        dev.say(CHANNEL, "!status deadbeef");
        assertThat(text(dev.awaitFrom(bot.nick(), "deadbeef"))).isEqualTo(
                "curious: unknown revision deadbeef: no such commit in trunk or a release branch");
        dev.say(CHANNEL, "!status " + base.name().substring(0, 12));
        assertThat(text(dev.awaitFrom(bot.nick(), "Start the app"))).contains("on trunk", "(in trunk at the cut)",
                "never requested");
    }

    @Test
    void aCarriageReturnInACommitSubjectCannotInjectACommand() {
        IrcClient dev = joined("wary");

        dev.say(CHANNEL, "!status " + injected.name());

        String line = dev.awaitFrom(bot.nick(), "Harmless");
        assertThat(text(line)).contains("\"Harmless QUIT :pwned PRIVMSG #release :owned\"").doesNotContain("\r");
        dev.say(CHANNEL, "!oncall search");
        assertThat(text(dev.awaitFrom(bot.nick(), "is on call"))).isEqualTo("wary: search: alice is on call");
        assertThat(dev.lines()).as("no line of the bot's own but the two answers")
            .filteredOn(l -> l.startsWith(":" + bot.nick() + "!")).hasSize(2);
        assertThat(bot.inChannel(CHANNEL)).isTrue();
    }

    @Test
    void controlCharactersFromAMessageNeverComeBack() {
        IrcClient dev = joined("noisy");

        dev.say(CHANNEL, "!bell\u0007\u0003" + "4red\u0002bold");

        String line = dev.awaitFrom(bot.nick(), "unknown command");
        assertThat(line).doesNotContainPattern("[\\x00-\\x1f]");
        assertThat(text(line)).isEqualTo("noisy: unknown command !bell 4red bold; !help lists the commands");
    }

    @Test
    void aFloodingNickIsToldToSlowDownOnceAndThenIgnored() {
        IrcClient flooder = joined("flooder");

        for (int i = 0; i < 9; i++) {
            flooder.say(CHANNEL, "!oncall");
        }
        flooder.await("slow down");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(flooder, "flooder: on call: search → alice") == 5);
        IrcClient witness = joined("witness");
        witness.say(CHANNEL, "!oncall");
        witness.awaitFrom(bot.nick(), "witness: on call");

        assertThat(flooder.lines()).filteredOn(l -> l.contains("NOTICE flooder :slow down")).hasSize(1);
        assertThat(answers(flooder, "flooder: on call: search → alice")).isEqualTo(5);
    }

    @Test
    void karmaFlagAndOncallAnswerInOneLine() {
        IrcClient dev = joined("asker");

        dev.say(CHANNEL, "!karma henry");
        assertThat(text(dev.awaitFrom(bot.nick(), "henry has"))).matches("asker: [★☆]{5} henry has \\d stars?: .*");
        dev.say(CHANNEL, "!karma nobody-here");
        assertThat(dev.awaitFrom(bot.nick(), "nobody in pushtrain goes by nobody-here")).isNotNull();
        dev.say(CHANNEL, "!flag new-composer");
        assertThat(text(dev.awaitFrom(bot.nick(), "Gatekeeper"))).isEqualTo(
                "asker: flags are in the Gatekeeper console: https://pushtrain.example/flags/new-composer");
        dev.say(CHANNEL, "!oncall photos");
        assertThat(text(dev.awaitFrom(bot.nick(), "no on-call entry"))).isEqualTo(
                "asker: no on-call entry for photos; teams: search");
    }

    @Test
    void theDeveloperWhoAnswersHereShipsAndTheOneWhoDoesNotIsDeferred() {
        PickView graces = picks.request(new PickRequest(renameButton.name(), "the button says Sumbit", null, "grace")).pick();
        PickView henrys = picks.request(new PickRequest(tuneCache.name(), "the cache is cold", null, "henry")).pick();
        picks.approve(graces.id(), "rita", null);
        picks.approve(henrys.id(), "rita", null);
        IrcClient grace = identified("grace_", "grace");
        IrcClient henry = joined("henry");
        IrcClient rita = identified("rita", "rita");
        IrcClient dana = identified("dana2", "dana");

        dana.say(CHANNEL, "!push");
        assertThat(text(dana.awaitFrom(bot.nick(), "only a release engineer"))).isEqualTo(
                "dana2: only a release engineer can start a push, and dana is not one");
        rita.say(CHANNEL, "!push");
        String started = text(rita.awaitFrom(bot.nick(), "started; #release hears how it goes"));
        long push = Long.parseLong(started.replaceAll("^rita: push (\\d+) .*", "$1"));

        String ping = text(grace.awaitFrom(bot.nick(), "PRIVMSG grace_ :push " + push + " needs you"));
        assertThat(ping).contains("your pick #" + graces.id(), "answer !here before ");
        assertThat(text(henry.awaitFrom(bot.nick(), "PRIVMSG henry :push " + push + " needs you")))
            .contains("identify first");
        assertThat(grace.awaitFrom(bot.nick(), "PRIVMSG #release :push " + push + ": grace_, henry")).isNotNull();
        grace.say(CHANNEL, "!here");
        assertThat(text(grace.awaitFrom(bot.nick(), "thanks grace"))).isEqualTo(
                "grace_: thanks grace, you are here for pick #" + graces.id());

        assertThat(text(henry.awaitFrom(bot.nick(), "reminder: push " + push))).contains("#" + henrys.id());
        assertThat(text(henry.awaitFrom(bot.nick(), "missed push " + push))).contains("pick #" + henrys.id());
        PushView done = await().atMost(Duration.ofSeconds(30)).until(() -> pushes.get(push),
                p -> p.state() != PushState.RUNNING);
        assertThat(done.state()).isEqualTo(PushState.DONE);
        assertThat(picks.get(graces.id()).state()).isEqualTo(PickState.SHIPPED);
        assertThat(picks.get(henrys.id()).state()).isEqualTo(PickState.DEFERRED);

        rita.awaitFrom(bot.nick(), "PRIVMSG #release :push " + push + " done: 1 shipped, 1 deferred");
        assertThat(rita.lines()).map(IrcClient::text)
            .contains("push " + push + " of " + trains.current().orElseThrow().branch() + " started by rita · "
                    + "https://pushtrain.example/pushes/" + push)
            .anyMatch(l -> l.startsWith("push " + push + " done: 1 shipped, 1 deferred")
                    && l.endsWith(" · https://pushtrain.example/pushes/" + push))
            .anyMatch(l -> l.startsWith("push " + push + " · presence started"))
            .anyMatch(l -> l.startsWith("push " + push + " · grace_: your pick #" + graces.id() + " ("
                    + renameButton.name().substring(0, 10) + ") merged as "));
        rita.say(CHANNEL, "!status " + renameButton.name().substring(0, 10));
        assertThat(text(rita.awaitFrom(bot.nick(), "Rename the button"))).contains("(picked)",
                "pick #" + graces.id() + " SHIPPED in push " + push).doesNotContain("frozen");
        henry.say(CHANNEL, "!status " + henrys.commit().substring(0, 10));
        assertThat(text(henry.awaitFrom(bot.nick(), "pick #" + henrys.id() + " DEFERRED"))).contains(
                "pick #" + henrys.id() + " DEFERRED: henry did not confirm presence for an earlier push; ",
                "henry must confirm presence in IRC (!here) when it asks");
        long train = trains.current().orElseThrow().id();
        trains.freeze(train, "the payments outage", "rita");
        try {
            rita.say(CHANNEL, "!status " + renameButton.name().substring(0, 10));
            assertThat(text(rita.awaitFrom(bot.nick(), "frozen: the payments outage"))).contains(
                    "(picked, frozen: the payments outage)");
        }
        finally {
            trains.unfreeze(train, "rita");
        }
        String made = picks.get(graces.id()).pickedCommit();
        rita.say(CHANNEL, "!status " + made.substring(0, 10));
        assertThat(text(rita.awaitFrom(bot.nick(), made.substring(0, 10) + " \""))).contains(
                "pick #" + graces.id() + " of " + renameButton.name().substring(0, 10) + ", made by push " + push
                        + ", now SHIPPED");
    }

    @Test
    void theReleaseEngineerExtendsSkipsAndEndsThePresenceWaitFromTheChannel() {
        PickView ivans = picks.request(new PickRequest(fixSearch.name(), "search is empty", null, "ivan")).pick();
        PickView franks = picks.request(new PickRequest(fixAvatar.name(), "avatars are huge", null, "frank")).pick();
        picks.approve(ivans.id(), "rita", null);
        picks.approve(franks.id(), "rita", null);
        IrcClient rita = identified("rita_pc", "rita");
        IrcClient ivan = identified("ivan", "ivan");
        IrcClient dana = identified("dana_pc", "dana");

        dana.say(CHANNEL, "!presence end");
        assertThat(text(dana.awaitFrom(bot.nick(), "only a release engineer can end"))).isEqualTo(
                "dana_pc: only a release engineer can end, extend or skip a presence wait, and dana is not one");
        rita.say(CHANNEL, "!presence end");
        assertThat(text(rita.awaitFrom(bot.nick(), "no push is running"))).isEqualTo(
                "rita_pc: no push is running, so none waits for presence");

        long push = pushes.start(null, io.pushtrain.train.PushKind.PICKS, "rita").id();
        ivan.awaitFrom(bot.nick(), "PRIVMSG ivan :push " + push + " needs you");
        rita.say(CHANNEL, "!presence extend 10m");
        String extended = text(rita.awaitFrom(bot.nick(), "presence wait extended"));
        assertThat(extended).startsWith("rita_pc: push " + push + ": presence wait extended by 10 min, until ")
            .endsWith("; answer !here before then");
        java.time.Instant deadline = pushes.get(push).presenceDeadline();
        assertThat(deadline).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(9)));

        rita.say(CHANNEL, "!presence skip ivan");
        assertThat(text(rita.awaitFrom(bot.nick(), "skipped ivan"))).isEqualTo(
                "rita_pc: push " + push + ": skipped ivan; 1 pick deferred to the next push");
        assertThat(text(ivan.awaitFrom(bot.nick(), "PRIVMSG ivan :pick #" + ivans.id()))).isEqualTo(
                "pick #" + ivans.id() + " (" + fixSearch.name().substring(0, 10) + ") missed push " + push
                        + ": rita skipped you in its presence wait, so it moves to the next push");
        assertThat(picks.get(ivans.id()).state()).isEqualTo(PickState.DEFERRED);
        rita.say(CHANNEL, "!presence skip ivan");
        assertThat(text(rita.awaitFrom(bot.nick(), "ivan has no picks"))).isEqualTo(
                "rita_pc: ivan has no picks in push " + push + " waiting for presence");

        // rita_pc has sent six commands by now, over the flood guard's five per 10 s on a fast machine: rita
        // ends the wait from a second nick.
        IrcClient ritaAgain = identified("rita_pc2", "rita");
        ritaAgain.say(CHANNEL, "!presence end");
        assertThat(text(ritaAgain.awaitFrom(bot.nick(), "presence wait ended"))).isEqualTo("rita_pc2: push " + push
                + ": presence wait ended by rita; whoever has not answered !here is deferred to the next push");
        PushView done = await().atMost(Duration.ofSeconds(30)).until(() -> pushes.get(push),
                p -> p.state() != PushState.RUNNING);
        assertThat(done.state()).isEqualTo(PushState.DONE);
        assertThat(picks.get(franks.id()).state()).as("frank never answered").isEqualTo(PickState.DEFERRED);
        assertThat(pushes.get(push).presenceDeadline()).as("ended well before the extended deadline")
            .isBefore(deadline.minus(Duration.ofMinutes(9)));
        // Deferred picks ride the next push: another test's push must not take them.
        picks.withdraw(ivans.id(), "rita", true);
        picks.withdraw(franks.id(), "rita", true);
    }

    @Test
    void theReleaseEngineerFreezesTheTrainShipsAnEmergencyPushAndUnfreezesFromTheChannel() {
        ObjectId fixCheckout = remote.commit("grace", "Fix the checkout total", Map.of("checkout.txt", "total\n"));
        PickView graces = picks.request(new PickRequest(fixCheckout.name(), "checkout is down", null, "grace")).pick();
        picks.approve(graces.id(), "rita", null);
        IrcClient dana = identified("dana_fz", "dana");
        IrcClient rita = identified("rita_fz", "rita");
        long train = trains.current().orElseThrow().id();
        try {
            dana.say(CHANNEL, "!freeze no reason");
            assertThat(text(dana.awaitFrom(bot.nick(), "only a release engineer"))).isEqualTo(
                    "dana_fz: only a release engineer can freeze a train, and dana is not one");

            rita.say(CHANNEL, "!freeze payments incident");
            String branch = trains.get(train).branch();
            assertThat(text(rita.awaitFrom(bot.nick(), "frozen by rita"))).isEqualTo("rita_fz: " + branch
                    + " frozen by rita: payments incident; no push starts on it until !unfreeze (an !emergency push still may)");
            assertThat(trains.get(train).freeze().reason()).isEqualTo("payments incident");
            rita.say(CHANNEL, "!push");
            assertThat(text(rita.awaitFrom(bot.nick(), "is frozen"))).contains("payments incident");

            rita.say(CHANNEL, "!emergency #" + graces.id() + " checkout is down");
            String started = text(rita.awaitFrom(bot.nick(), "started by rita for"));
            long push = pushes.latest().orElseThrow().id();
            assertThat(started).isEqualTo("rita_fz: emergency push " + push + " of " + branch + " started by rita for #"
                    + graces.id() + ", without the presence wait: https://pushtrain.example/pushes/" + push);
            PushView done = await().atMost(Duration.ofSeconds(60)).until(() -> pushes.get(push),
                    p -> p.state() != PushState.RUNNING);
            assertThat(done.state()).isEqualTo(PushState.DONE);
            assertThat(done.kind()).isEqualTo(io.pushtrain.train.PushKind.EMERGENCY);
            assertThat(picks.get(graces.id()).state()).isEqualTo(PickState.SHIPPED);

            IrcClient ritaAgain = identified("rita_fz2", "rita");
            ritaAgain.say(CHANNEL, "!unfreeze");
            assertThat(text(ritaAgain.awaitFrom(bot.nick(), "unfrozen by rita"))).isEqualTo("rita_fz2: " + branch
                    + " unfrozen by rita; pushes start on it again as scheduled");
            assertThat(trains.get(train).freeze()).isNull();
        }
        finally {
            if (trains.get(train).freeze() != null) {
                trains.unfreeze(train, "rita");
            }
        }
    }

    @Test
    void aBackportIsTakenOnlyFromAnIdentifiedNickAndOnlyForAConflict() {
        ObjectId footer = remote.commit("ivan", "Shorten the footer", Map.of("f.txt", "f1\n"));
        PickView pick = picks.request(new PickRequest(footer.name(), "the footer hides the button", null, "ivan")).pick();
        String line = "!backport " + pick.id() + " " + footer.name().substring(0, 10);
        IrcClient stranger = joined("zoe_bp");
        stranger.say(CHANNEL, line);
        assertThat(text(stranger.awaitFrom(bot.nick(), "can't take !backport"))).contains("!identify <api-token>");

        IrcClient ivan = identified("ivan_bp", "ivan");
        ivan.say(CHANNEL, line);
        assertThat(text(ivan.awaitFrom(bot.nick(), "only a pick in CONFLICT"))).isEqualTo(
                "ivan_bp: pick " + pick.id() + " is REQUESTED; only a pick in CONFLICT takes a backport");
        ivan.say(CHANNEL, "!backport " + pick.id());
        assertThat(text(ivan.awaitFrom(bot.nick(), "usage: !backport"))).isEqualTo(
                "ivan_bp: usage: !backport <id> <sha> (name the pick and the resolved commit)");
        assertThat(picks.get(pick.id()).state()).isEqualTo(PickState.REQUESTED);
    }

    private IrcClient joined(String nick) {
        IrcClient client = IrcClient.connect(server.port(), nick);
        clients.add(client);
        client.join(CHANNEL);
        return client;
    }

    private IrcClient identified(String nick, String person) {
        IrcClient client = joined(nick);
        client.say(bot.nick(), "!identify " + people.issueToken(person, "irc"));
        assertThat(text(client.awaitFrom(bot.nick(), "you are " + person + " now"))).isEqualTo(
                "you are " + person + " now, as long as you keep the nick " + nick + " and stay in " + CHANNEL);
        return client;
    }

    private static long answers(IrcClient client, String text) {
        return client.lines().stream().filter(l -> l.contains(text)).count();
    }

    private static String text(String line) {
        return IrcClient.text(line);
    }
}
