package io.pushtrain.perf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DirectionTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "ops/s, HIGHER_IS_BETTER",
            "ops/ms, HIGHER_IS_BETTER",
            "ops/us, HIGHER_IS_BETTER",
            "MB/s, HIGHER_IS_BETTER",
            "ns/op, LOWER_IS_BETTER",
            "us/op, LOWER_IS_BETTER",
            "ms/op, LOWER_IS_BETTER",
            "s/op, LOWER_IS_BETTER",
            "B/op, LOWER_IS_BETTER",
            "ms, LOWER_IS_BETTER",
            "s, LOWER_IS_BETTER",
            "bytes, LOWER_IS_BETTER",
            "'', LOWER_IS_BETTER" })
    void theUnitSaysWhichWayIsBetter(String unit, Direction expected) {
        assertThat(Direction.ofUnit(unit)).isEqualTo(expected);
    }
}
