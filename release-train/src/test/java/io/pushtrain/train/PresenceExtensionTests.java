package io.pushtrain.train;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PresenceExtensionTests {

    static Stream<Arguments> durations() {
        return Stream.of(arguments("10m", Duration.ofMinutes(10), "10 min"), arguments("90s", Duration.ofSeconds(90), "1 min 30 s"),
                arguments("1h", Duration.ofHours(1), "1 h"), arguments(" 2H ", Duration.ofHours(2), "2 h"),
                arguments("PT10M", Duration.ofMinutes(10), "10 min"), arguments("pt1h30m", Duration.ofMinutes(90), "1 h 30 min"),
                arguments("12h", Duration.ofHours(12), "12 h"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durations")
    void readsTheShortFormAndIso8601(String text, Duration expected, String words) {
        PresenceExtension extension = PresenceExtension.parse(text);
        assertThat(extension.by()).isEqualTo(expected);
        assertThat(extension.words()).isEqualTo(words);
    }

    static Stream<Arguments> refused() {
        return Stream.of(arguments(null, "say how much longer to wait"), arguments(" ", "say how much longer to wait"),
                arguments("ten minutes", "\"ten minutes\" is not a duration"), arguments("10", "\"10\" is not a duration"),
                arguments("10d", "is not a duration"), arguments("0s", "one second to 12 hours, not nothing"),
                arguments("-PT5M", "not a negative time"), arguments("13h", "not 13 h"), arguments("P2D", "not 48 h"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWhatIsNotAReasonableDurationSayingWhy(String text, String why) {
        assertThatThrownBy(() -> PresenceExtension.parse(text)).isInstanceOf(TrainException.Invalid.class)
            .hasMessageContaining(why);
    }
}
