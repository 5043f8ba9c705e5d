package io.pushtrain.irc.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.pushtrain.train.PresenceExtension;
import io.pushtrain.train.TrainException;

/**
 * Turns a chat line into a {@link Command}. Only lines starting with "!" are commands; every
 * other line is conversation and is ignored. The usage lines of API.md live here.
 */
final class CommandParser {

    static final Map<String, String> USAGE = Map.ofEntries(
            Map.entry("pick", "!pick <sha> <reason>"), Map.entry("backport", "!backport <id> <sha>"),
            Map.entry("picks", "!picks"),
            Map.entry("status", "!status <rev>"), Map.entry("push", "!push"), Map.entry("here", "!here"),
            Map.entry("presence", "!presence end | extend <10m> | skip <nick>"),
            Map.entry("freeze", "!freeze <reason>"), Map.entry("unfreeze", "!unfreeze"),
            Map.entry("emergency", "!emergency <id> [<id> ...] <reason>"),
            Map.entry("withdraw", "!withdraw <id>"), Map.entry("karma", "!karma [nick]"),
            Map.entry("oncall", "!oncall [team]"), Map.entry("flag", "!flag <name>"),
            Map.entry("identify", "!identify <token> (in a private message)"), Map.entry("help", "!help"));

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{4,40}");
    private static final Pattern REVISION = Pattern.compile("[\\w./~^@{}-]{1,100}");
    private static final Pattern NAME = Pattern.compile("[\\w.\\[\\]\\\\`^{}|-]{1,64}");
    private static final Pattern ID = Pattern.compile("#?([0-9]{1,18})");

    private static final Map<String, Function<String, Command>> PARSERS = Map.ofEntries(
            Map.entry("pick", CommandParser::pick), Map.entry("backport", CommandParser::backport),
            Map.entry("picks", none(new Command.Picks(), "picks")),
            Map.entry("status", CommandParser::status), Map.entry("push", none(new Command.Push(), "push")),
            Map.entry("here", none(new Command.Here(), "here")), Map.entry("withdraw", CommandParser::withdraw),
            Map.entry("presence", CommandParser::presence), Map.entry("freeze", CommandParser::freeze),
            Map.entry("unfreeze", none(new Command.Unfreeze(), "unfreeze")),
            Map.entry("emergency", CommandParser::emergency),
            Map.entry("karma", CommandParser::karma), Map.entry("oncall", CommandParser::oncall),
            Map.entry("flag", CommandParser::flag), Map.entry("identify", CommandParser::identify),
            Map.entry("help", args -> new Command.Help()));

    private CommandParser() {
    }

    /** The command in the line, or empty when the line is not one (no leading "!"). */
    static Optional<Command> parse(String line) {
        if (line == null) {
            return Optional.empty();
        }
        String text = line.strip();
        if (!text.startsWith("!") || text.length() < 2 || text.charAt(1) == '!' || Character.isWhitespace(text.charAt(1))) {
            return Optional.empty();
        }
        String[] split = text.substring(1).split("\\s+", 2);
        String word = split[0].toLowerCase(Locale.ROOT);
        String args = split.length > 1 ? split[1].strip() : "";
        Function<String, Command> parser = PARSERS.get(word);
        return Optional.of(parser == null ? new Command.Unknown(split[0]) : parser.apply(args));
    }

    private static Command pick(String args) {
        String[] parts = args.split("\\s+", 2);
        if (args.isEmpty()) {
            return malformed("pick", "say which commit and why");
        }
        if (!SHA.matcher(parts[0]).matches()) {
            return malformed("pick", "<sha> is a trunk commit id, 4 to 40 hex digits");
        }
        if (parts.length < 2 || parts[1].isBlank()) {
            return malformed("pick", "say why it must ship before the next train");
        }
        return new Command.Pick(parts[0].toLowerCase(Locale.ROOT), parts[1].strip());
    }

    private static Command backport(String args) {
        String[] parts = args.split("\\s+");
        if (parts.length != 2) {
            return malformed("backport", "name the pick and the resolved commit");
        }
        var id = ID.matcher(parts[0]);
        if (!id.matches() || Long.parseLong(id.group(1)) == 0) {
            return malformed("backport", "<id> is the number of your pick, as !status shows it");
        }
        if (!SHA.matcher(parts[1]).matches()) {
            return malformed("backport", "<sha> is the resolved commit's id, 4 to 40 hex digits");
        }
        return new Command.Backport(Long.parseLong(id.group(1)), parts[1].toLowerCase(Locale.ROOT));
    }

    private static Command status(String args) {
        if (args.isEmpty() || args.contains(" ") || !REVISION.matcher(args).matches()) {
            return malformed("status", "name one revision: a commit id, a branch or a tag");
        }
        return new Command.Status(args);
    }

    private static Command withdraw(String args) {
        var id = ID.matcher(args);
        if (!id.matches() || Long.parseLong(id.group(1)) == 0) {
            return malformed("withdraw", "<id> is the number of your pick, as !picks shows it");
        }
        return new Command.Withdraw(Long.parseLong(id.group(1)));
    }

    private static Command presence(String args) {
        String[] parts = args.isEmpty() ? new String[0] : args.split("\\s+");
        String action = parts.length == 0 ? "" : parts[0].toLowerCase(Locale.ROOT);
        switch (action) {
            case "end":
                return parts.length == 1 ? new Command.Presence("end", null, null)
                        : malformed("presence", "end takes nothing more: it ends the wait now");
            case "extend":
                if (parts.length != 2) {
                    return malformed("presence", "say how much longer, like extend 10m");
                }
                try {
                    return new Command.Presence("extend", PresenceExtension.parse(parts[1]).by(), null);
                }
                catch (TrainException.Invalid invalid) {
                    return malformed("presence", invalid.getMessage());
                }
            case "skip":
                return parts.length == 2 && NAME.matcher(parts[1]).matches()
                        ? new Command.Presence("skip", null, parts[1])
                        : malformed("presence", "name the one requester to skip");
            default:
                return malformed("presence", "end the wait, extend it, or skip a requester");
        }
    }

    private static Command freeze(String args) {
        return args.isEmpty() ? malformed("freeze", "say why no push may go out; every refused push quotes it")
                : new Command.Freeze(args);
    }

    /** Pick ids first ("12 14", "#12,#14"), then the reason, which every one who reads the push sees. */
    private static Command emergency(String args) {
        List<Long> ids = new ArrayList<>();
        String[] words = args.isEmpty() ? new String[0] : args.split("\\s+");
        int word = 0;
        for (; word < words.length; word++) {
            List<Long> these = ids(words[word]);
            if (these == null) {
                break;
            }
            ids.addAll(these);
        }
        if (ids.isEmpty()) {
            return malformed("emergency", "name the picks to ship, as !picks numbers them");
        }
        if (word == words.length) {
            return malformed("emergency", "say why this cannot wait for the next push");
        }
        return new Command.Emergency(List.copyOf(ids),
                String.join(" ", Arrays.copyOfRange(words, word, words.length)));
    }

    /** The pick ids in one word ("12", "#12", "12,14,"), or null when the word is not a list of them. */
    private static List<Long> ids(String word) {
        List<Long> ids = new ArrayList<>();
        for (String part : word.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            var id = ID.matcher(part);
            if (!id.matches() || Long.parseLong(id.group(1)) == 0) {
                return null;
            }
            ids.add(Long.parseLong(id.group(1)));
        }
        return ids.isEmpty() ? null : ids;
    }

    private static Command karma(String args) {
        if (args.isEmpty()) {
            return new Command.Karma(null);
        }
        return NAME.matcher(args).matches() ? new Command.Karma(args) : malformed("karma", "name one nick");
    }

    private static Command oncall(String args) {
        if (args.isEmpty()) {
            return new Command.Oncall(null);
        }
        return NAME.matcher(args).matches() ? new Command.Oncall(args.toLowerCase(Locale.ROOT))
                : malformed("oncall", "name one team");
    }

    private static Command flag(String args) {
        return NAME.matcher(args).matches() ? new Command.Flag(args) : malformed("flag", "name one flag");
    }

    private static Command identify(String args) {
        if (args.isEmpty()) {
            return malformed("identify", "give your API token, and only in a private message to the bot");
        }
        // Whatever follows is treated as a token, so a token pasted with extra words is still
        // recognised as leaked when it was said in a channel.
        return new Command.Identify(args.split("\\s+")[0]);
    }

    private static Function<String, Command> none(Command command, String name) {
        return args -> args.isEmpty() ? command : malformed(name, "it takes no arguments");
    }

    private static Command malformed(String command, String problem) {
        return new Command.Malformed(USAGE.get(command), problem);
    }
}
