package io.pushtrain.irc.connection;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class IrcTextTests {

    static Stream<Arguments> dirty() {
        return Stream.of(
                arguments("fix\r\nQUIT :bye", "fix QUIT :bye"),
                arguments("fix\rPRIVMSG #release :owned", "fix PRIVMSG #release :owned"),
                arguments("a\u0000b\u0001c\u0002d\u0003e\u007fend", "a b c d e end"),
                arguments("line\u2028separator\u0085next", "line separator next"),
                arguments("  tabs\tand   spaces  ", "tabs and spaces"));
    }

    @ParameterizedTest
    @MethodSource("dirty")
    void controlCharactersBecomeOneSpace(String raw, String clean) {
        assertThat(IrcText.oneLine(raw)).isEqualTo(clean);
    }

    @Test
    void aLongLineIsCutToTheByteLimitWithoutSplittingACharacter() {
        String line = IrcText.line("ü".repeat(300), 400);
        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(400);
        assertThat(line).endsWith("…").startsWith("üüü");
        assertThat(line.substring(0, line.length() - 1)).matches("ü+");
    }

    @Test
    void aShortLineIsLeftAlone() {
        assertThat(IrcText.line("pick #3 requested", 400)).isEqualTo("pick #3 requested");
    }

    @Test
    void nothingBecomesEmpty() {
        assertThat(IrcText.line(null, 400)).isEmpty();
        assertThat(IrcText.line("\r\n", 400)).isEmpty();
    }
}
