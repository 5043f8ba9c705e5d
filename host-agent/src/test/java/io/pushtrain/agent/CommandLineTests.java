package io.pushtrain.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTests {

    private static final String KEY = FakeServer.publicKeyOf(FakeServer.newKey());
    private static final String OTHER_KEY = FakeServer.publicKeyOf(FakeServer.newKey());
    private static final String REQUIRED = "--server http://push:8080 --token t0k --server-key " + KEY
            + " --rack r1 --tier canary --dir /srv/app";

    private static CommandLine.Parsed parse(String line, Map<String, String> env) {
        return CommandLine.parse(line.isBlank() ? new String[0] : line.trim().split(" +"), env);
    }

    @Test
    void theRequiredOptionsMakeAnAgentWithTheDefaults() throws Exception {
        CommandLine.Parsed parsed = parse(REQUIRED + " --name web-1", Map.of());

        assertThat(parsed).isInstanceOf(CommandLine.Run.class);
        AgentOptions options = ((CommandLine.Run) parsed).options();
        assertThat(options.server()).isEqualTo(URI.create("http://push:8080"));
        assertThat(options.token()).isEqualTo("t0k");
        assertThat(options.rack()).isEqualTo("r1");
        assertThat(options.tier()).isEqualTo("canary");
        assertThat(options.dir()).isEqualTo(Path.of("/srv/app"));
        assertThat(options.name()).isEqualTo("web-1");
        assertThat(options.address()).isNull();
        assertThat(options.poll()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.keep()).isEqualTo(3);
        assertThat(options.postSwitch()).isNull();
        assertThat(options.maxDownloadKbps()).isZero();
        assertThat(options.maxUploadKbps()).isZero();
    }

    @Test
    void everyOptionIsRead() throws Exception {
        CommandLine.Parsed parsed = CommandLine.parse(new String[] {"--server=https://push", "--token", "t",
                "--rack", "r2", "--tier", "prod", "--dir", "d", "--name", "db-7", "--address", "10.0.0.7",
                "--poll", "500ms", "--keep", "5", "--post-switch", "systemctl restart app", "--max-download",
                "2048", "--max-upload", "512.5", "--server-key", KEY + "," + OTHER_KEY}, Map.of());

        AgentOptions options = ((CommandLine.Run) parsed).options();
        assertThat(options.address()).isEqualTo(InetAddress.getByName("10.0.0.7"));
        assertThat(options.poll()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.keep()).isEqualTo(5);
        assertThat(options.postSwitch()).isEqualTo("systemctl restart app");
        assertThat(options.maxDownloadKbps()).isEqualTo(2048);
        assertThat(options.maxUploadKbps()).isEqualTo(512.5);
        assertThat(options.serverKeys()).as("the old and the new key while one is rotated")
            .containsExactly(KEY, OTHER_KEY);
    }

    @Test
    void theServerKeysMayComeFromAFileOneALine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path keys = java.nio.file.Files.writeString(dir.resolve("server.keys"),
                "# from GET /api/signing-keys\n" + KEY + "\n\n" + OTHER_KEY + "\n");

        CommandLine.Parsed parsed = parse(REQUIRED.replace(KEY, "@" + keys), Map.of());

        assertThat(((CommandLine.Run) parsed).options().serverKeys()).containsExactly(KEY, OTHER_KEY);
    }

    @Test
    void theTokenMayComeFromTheEnvironment() {
        CommandLine.Parsed parsed = parse(REQUIRED.replace("--token t0k", ""),
                Map.of(CommandLine.TOKEN_VARIABLE, "from-env"));

        assertThat(((CommandLine.Run) parsed).options().token()).isEqualTo("from-env");
    }

    @Test
    void theNameDefaultsToTheHostName() {
        CommandLine.Parsed parsed = parse(REQUIRED, Map.of());

        assertThat(((CommandLine.Run) parsed).options().name()).isNotBlank();
    }

    @Test
    void helpExitsZero() {
        CommandLine.Parsed parsed = parse("--help", Map.of());

        assertThat(parsed).isInstanceOf(CommandLine.Help.class);
        assertThat(CommandLine.exitCode(parsed)).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                    | --token is required
            --server http://push:8080 --token t --rack r --tier t | --dir is required
            --server ftp://push --token t --rack r --tier t --dir d | --server must be an http(s) URL
            --server http://push --rack r --tier t --dir d        | --token is required
            --server http://p --token t --rack r --tier t --dir d | --server-key is required
            REQUIRED --server-key bm90LWEta2V5                    | --server-key must be an Ed25519 public key in base64
            REQUIRED --server-key @/no/such/file                  | --server-key @/no/such/file: cannot read /no/such/file
            REQUIRED --poll often                                 | --poll must look like 5s
            REQUIRED --poll 0s                                    | --poll must be more than zero
            REQUIRED --keep 0                                     | --keep must be 1 or more
            REQUIRED --keep three                                 | --keep must be a whole number
            REQUIRED --max-download -5                            | --max-download must be a number of KB/s
            REQUIRED --max-upload fast                            | --max-upload must be a number of KB/s
            REQUIRED --address push.example                       | --address must be an IP address
            REQUIRED --colour blue                                | unknown option --colour
            REQUIRED --name                                       | --name needs a value
            REQUIRED --name --keep 2                              | --name needs a value
            """)
    void badOptionsAreRefusedWithExitCodeTwo(String line, String problem) {
        CommandLine.Parsed parsed = parse(line.replace("REQUIRED", REQUIRED), Map.of());

        assertThat(parsed).isInstanceOf(CommandLine.Invalid.class);
        assertThat(((CommandLine.Invalid) parsed).problem()).startsWith(problem);
        assertThat(CommandLine.exitCode(parsed)).isEqualTo(2);
    }
}
