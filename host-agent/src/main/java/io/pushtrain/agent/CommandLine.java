package io.pushtrain.agent;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code java -jar host-agent.jar ...} arguments into {@link AgentOptions}, or says what is wrong. */
public final class CommandLine {

    /** The environment variable that may carry the token, so it does not show in {@code ps}. */
    public static final String TOKEN_VARIABLE = "PUSHTRAIN_HOST_TOKEN";

    public static final String USAGE = """
            usage: java -jar host-agent.jar --server URL --token TOKEN --server-key KEY --rack RACK --tier TIER
                   --dir DIR [options]

            Registers this host, follows its tier's desired build, checks the server's signature on
            its manifest, downloads it over BitTorrent, verifies its SHA-256, unpacks it into
            DIR/releases/<id>, switches DIR/current, reports.

              --server URL          the push-server, e.g. http://push.example:8080
              --token TOKEN         a token of a person with role HOST (or env PUSHTRAIN_HOST_TOKEN)
              --server-key KEY      the server's build-signing public key, base64, from GET /api/signing-keys;
                                    several comma-separated while a key is rotated, or @FILE with one a line
              --rack RACK           this host's rack
              --tier TIER           the rollout tier this host follows
              --dir DIR             where downloads/, releases/ and current live
              --name NAME           the host's name at the server (default: the host name)
              --address IP          the address BitTorrent binds and announces
                                    (default: the local address that reaches the server)
              --poll DURATION       how often to ask for the desired build: 5s, 500ms, 1m (default 5s)
              --keep N              the newest N releases stay for rollback; current always (default 3)
              --post-switch CMD     run with sh -c in the new release directory after a switch
              --max-download KBPS   download limit in KB/s (default: none)
              --max-upload KBPS     upload limit in KB/s (default: none)
              --help                this text
            """;

    private static final List<String> FLAGS = List.of("--server", "--token", "--rack", "--tier", "--dir", "--name",
            "--address", "--poll", "--keep", "--post-switch", "--max-download", "--max-upload", "--server-key");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private CommandLine() {
    }

    /** What the arguments ask for. */
    public sealed interface Parsed {
    }

    /** Run an agent with these options. */
    public record Run(AgentOptions options) implements Parsed {
    }

    /** Print the usage and exit 0. */
    public record Help() implements Parsed {
    }

    /** Print the problem and the usage on stderr and exit 2. */
    public record Invalid(String problem) implements Parsed {
    }

    /** The exit code for a parse result that does not run an agent: 0 for help, 2 for bad options. */
    public static int exitCode(Parsed parsed) {
        return parsed instanceof Invalid ? 2 : 0;
    }

    public static Parsed parse(String[] args, Map<String, String> environment) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Help();
            }
            String flag = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !FLAGS.contains(args[i + 1]) && !args[i + 1].equals("--help")) {
                value = args[++i];
            } else {
                value = null;
            }
            if (!FLAGS.contains(flag)) {
                return new Invalid("unknown option " + arg);
            }
            if (value == null) {
                return new Invalid(flag + " needs a value");
            }
            given.put(flag, value);
        }
        try {
            return new Run(options(given, environment));
        } catch (IllegalArgumentException e) {
            return new Invalid(e.getMessage());
        }
    }

    private static AgentOptions options(Map<String, String> given, Map<String, String> environment) {
        String token = given.getOrDefault("--token", environment.get(TOKEN_VARIABLE));
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--token is required (or set " + TOKEN_VARIABLE + ")");
        }
        AgentOptions options = AgentOptions.of(server(required(given, "--server")), token, required(given, "--rack"),
                        required(given, "--tier"), Path.of(required(given, "--dir")));
        options = options.withServerKeys(serverKeys(required(given, "--server-key")));
        if (given.containsKey("--name")) {
            options = options.withName(nonBlank(given, "--name"));
        }
        if (given.containsKey("--address")) {
            options = options.withAddress(address(given.get("--address")));
        }
        if (given.containsKey("--poll")) {
            options = options.withPoll(duration(given.get("--poll")));
        }
        if (given.containsKey("--keep")) {
            options = options.withKeep(number(given, "--keep", 1));
        }
        if (given.containsKey("--post-switch")) {
            options = options.withPostSwitch(nonBlank(given, "--post-switch"));
        }
        return options.withRates(rate(given, "--max-download"), rate(given, "--max-upload"));
    }

    private static List<String> serverKeys(String value) {
        if (!value.startsWith("@")) {
            return List.of(value.split(",")).stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        }
        Path file = Path.of(value.substring(1));
        try {
            return java.nio.file.Files.readAllLines(file).stream().map(String::strip)
                .filter(k -> !k.isEmpty() && !k.startsWith("#")).toList();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--server-key " + value + ": cannot read " + file + " (" + e + ")");
        }
    }

    private static String required(Map<String, String> given, String flag) {
        if (!given.containsKey(flag)) {
            throw new IllegalArgumentException(flag + " is required");
        }
        return nonBlank(given, flag);
    }

    private static String nonBlank(Map<String, String> given, String flag) {
        String value = given.get(flag);
        if (value.isBlank()) {
            throw new IllegalArgumentException(flag + " must not be empty");
        }
        return value;
    }

    private static URI server(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("--server must be an http(s) URL, was " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--server must be an http(s) URL, was " + value);
        }
    }

    private static InetAddress address(String value) {
        if (!value.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new IllegalArgumentException("--address must be an IP address, was " + value);
        }
        try {
            return InetAddress.getByName(value); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--address must be an IP address, was " + value);
        }
    }

    static Duration duration(String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--poll must look like 5s, 500ms or 1m, was " + value);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("--poll must be more than zero");
        }
        return duration;
    }

    private static int number(Map<String, String> given, String flag, int min) {
        try {
            int n = Integer.parseInt(given.get(flag).trim());
            if (n < min) {
                throw new IllegalArgumentException(flag + " must be " + min + " or more, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, was " + given.get(flag));
        }
    }

    private static double rate(Map<String, String> given, String flag) {
        if (!given.containsKey(flag)) {
            return 0;
        }
        try {
            double rate = Double.parseDouble(given.get(flag).trim());
            if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException(flag + " must be a number of KB/s, 0 or more");
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number of KB/s, was " + given.get(flag));
        }
    }
}
