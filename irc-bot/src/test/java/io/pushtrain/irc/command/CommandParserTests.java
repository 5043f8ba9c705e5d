package io.pushtrain.irc.command;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CommandParserTests {

    static Stream<Arguments> commands() {
        return Stream.of(
                arguments("!pick ff617c9e35 users cannot log in", new Command.Pick("ff617c9e35", "users cannot log in")),
                arguments("  !PICK FF617C9E35   two  spaces  ", new Command.Pick("ff617c9e35", "two  spaces")),
                arguments("!picks", new Command.Picks()),
                arguments("!backport 7 AB12cd34ef", new Command.Backport(7, "ab12cd34ef")),
                arguments("!backport #7 ab12cd34ef", new Command.Backport(7, "ab12cd34ef")),
                arguments("!status ff617c9e35", new Command.Status("ff617c9e35")),
                arguments("!status release/2026-11-25", new Command.Status("release/2026-11-25")),
                arguments("!status HEAD~2", new Command.Status("HEAD~2")),
                arguments("!push", new Command.Push()),
                arguments("!here", new Command.Here()),
                arguments("!presence end", new Command.Presence("end", null, null)),
                arguments("!presence END", new Command.Presence("end", null, null)),
                arguments("!presence extend 10m", new Command.Presence("extend", java.time.Duration.ofMinutes(10), null)),
                arguments("!presence extend PT90S", new Command.Presence("extend", java.time.Duration.ofSeconds(90), null)),
                arguments("!presence skip dana|away", new Command.Presence("skip", null, "dana|away")),
                arguments("!freeze payments incident, see #ops", new Command.Freeze("payments incident, see #ops")),
                arguments("!unfreeze", new Command.Unfreeze()),
                arguments("!emergency 12 checkout is down", new Command.Emergency(java.util.List.of(12L), "checkout is down")),
                arguments("!emergency #12,#14 15 checkout is down",
                        new Command.Emergency(java.util.List.of(12L, 14L, 15L), "checkout is down")),
                arguments("!withdraw 12", new Command.Withdraw(12)),
                arguments("!withdraw #12", new Command.Withdraw(12)),
                arguments("!karma", new Command.Karma(null)),
                arguments("!karma dana|away", new Command.Karma("dana|away")),
                arguments("!oncall", new Command.Oncall(null)),
                arguments("!oncall Search", new Command.Oncall("search")),
                arguments("!flag new-composer", new Command.Flag("new-composer")),
                arguments("!identify pt_abc123", new Command.Identify("pt_abc123")),
                arguments("!identify pt_abc123 please", new Command.Identify("pt_abc123")),
                arguments("!help", new Command.Help()),
                arguments("!help me", new Command.Help()),
                arguments("!deploy now", new Command.Unknown("deploy")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void parsesEachCommand(String line, Command expected) {
        assertThat(CommandParser.parse(line)).contains(expected);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("!pick", "!pick <sha> <reason>", "say which commit and why"),
                arguments("!pick ff617c9e35", "!pick <sha> <reason>", "say why it must ship before the next train"),
                arguments("!pick main because", "!pick <sha> <reason>", "<sha> is a trunk commit id, 4 to 40 hex digits"),
                arguments("!pick abc because", "!pick <sha> <reason>", "<sha> is a trunk commit id, 4 to 40 hex digits"),
                arguments("!backport", "!backport <id> <sha>", "name the pick and the resolved commit"),
                arguments("!backport 7", "!backport <id> <sha>", "name the pick and the resolved commit"),
                arguments("!backport 7 ab12cd34 now", "!backport <id> <sha>", "name the pick and the resolved commit"),
                arguments("!backport seven ab12cd34", "!backport <id> <sha>",
                        "<id> is the number of your pick, as !status shows it"),
                arguments("!backport 7 main", "!backport <id> <sha>",
                        "<sha> is the resolved commit's id, 4 to 40 hex digits"),
                arguments("!status", "!status <rev>", "name one revision: a commit id, a branch or a tag"),
                arguments("!status a b", "!status <rev>", "name one revision: a commit id, a branch or a tag"),
                arguments("!status $(rm -rf)", "!status <rev>", "name one revision: a commit id, a branch or a tag"),
                arguments("!withdraw", "!withdraw <id>", "<id> is the number of your pick, as !picks shows it"),
                arguments("!withdraw twelve", "!withdraw <id>", "<id> is the number of your pick, as !picks shows it"),
                arguments("!withdraw 0", "!withdraw <id>", "<id> is the number of your pick, as !picks shows it"),
                arguments("!push now", "!push", "it takes no arguments"),
                arguments("!presence", "!presence end | extend <10m> | skip <nick>",
                        "end the wait, extend it, or skip a requester"),
                arguments("!presence pause", "!presence end | extend <10m> | skip <nick>",
                        "end the wait, extend it, or skip a requester"),
                arguments("!presence end now", "!presence end | extend <10m> | skip <nick>",
                        "end takes nothing more: it ends the wait now"),
                arguments("!presence extend", "!presence end | extend <10m> | skip <nick>",
                        "say how much longer, like extend 10m"),
                arguments("!presence extend ten", "!presence end | extend <10m> | skip <nick>",
                        "\"ten\" is not a duration: write 10m, 90s, 1h, or ISO-8601 like PT10M"),
                arguments("!presence extend 13h", "!presence end | extend <10m> | skip <nick>",
                        "extend the presence wait by one second to 12 hours, not 13 h"),
                arguments("!presence skip", "!presence end | extend <10m> | skip <nick>", "name the one requester to skip"),
                arguments("!presence skip dana grace", "!presence end | extend <10m> | skip <nick>",
                        "name the one requester to skip"),
                arguments("!freeze", "!freeze <reason>", "say why no push may go out; every refused push quotes it"),
                arguments("!unfreeze now", "!unfreeze", "it takes no arguments"),
                arguments("!emergency", "!emergency <id> [<id> ...] <reason>", "name the picks to ship, as !picks numbers them"),
                arguments("!emergency checkout is down", "!emergency <id> [<id> ...] <reason>",
                        "name the picks to ship, as !picks numbers them"),
                arguments("!emergency 12 14", "!emergency <id> [<id> ...] <reason>",
                        "say why this cannot wait for the next push"),
                arguments("!emergency 0 fix", "!emergency <id> [<id> ...] <reason>",
                        "name the picks to ship, as !picks numbers them"),
                arguments("!here and there", "!here", "it takes no arguments"),
                arguments("!picks all", "!picks", "it takes no arguments"),
                arguments("!karma two nicks", "!karma [nick]", "name one nick"),
                arguments("!oncall two teams", "!oncall [team]", "name one team"),
                arguments("!flag", "!flag <name>", "name one flag"),
                arguments("!identify", "!identify <token> (in a private message)",
                        "give your API token, and only in a private message to the bot"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void answersAMalformedCommandWithItsUsage(String line, String usage, String problem) {
        assertThat(CommandParser.parse(line)).contains(new Command.Malformed(usage, problem));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "hello !pick abc", "!", "! pick", "!!!", "!!pick abcd x" })
    void ignoresLinesThatAreNotCommands(String line) {
        assertThat(CommandParser.parse(line)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "!pick ff617c9e35 x", "!here", "!withdraw 3", "!push", "!presence end",
            "!presence extend 5m", "!presence skip dana", "!freeze why", "!unfreeze", "!emergency 3 why" })
    void onlyPickHereWithdrawPushPresenceFreezeAndEmergencyChangeTheTrain(String line) {
        assertThat(CommandParser.parse(line).orElseThrow().changesState()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "!picks", "!status abcd", "!karma", "!oncall", "!flag x", "!help", "!identify t" })
    void lookupsChangeNothing(String line) {
        assertThat(CommandParser.parse(line).orElseThrow().changesState()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "!identify pt_secret" })
    void aTokenNeverShowsInTheCommandsText(String line) {
        assertThat(CommandParser.parse(line).orElseThrow().toString()).doesNotContain("pt_secret");
    }
}
