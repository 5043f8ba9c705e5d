package io.pushtrain.perf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Runs /bin/sh, which every machine that builds pushtrain has. */
class BenchmarkCommandTests {

    @TempDir
    Path checkout;

    @Test
    void whatTheCommandPrintsIsMeasured() {
        BenchmarkCommand command = sh("echo '# warm'; echo 'startup 1834 ms'; echo 'rps 5120 ops/s'", null);

        assertThat(command.get()).extracting(Measurement::metric, Measurement::value, Measurement::unit)
                .containsExactly(tuple("startup", 1834.0, "ms"), tuple("rps", 5120.0, "ops/s"));
    }

    @Test
    void aResultFileIsReadInsteadOfWhatWasPrintedAndItRunsInTheCheckout() {
        BenchmarkCommand command = sh("echo 'JMH is chatty'; printf '[{\"benchmark\":\"%s\",\"primaryMetric\":"
                + "{\"score\":2.5,\"scoreUnit\":\"ms/op\"}}]' \"$(basename \"$PWD\")\" > perf.json", Path.of("perf.json"));

        assertThat(command.get()).extracting(Measurement::metric, Measurement::value)
                .containsExactly(tuple(checkout.getFileName().toString(), 2.5));
    }

    @Test
    void aFailingCommandSaysHowItExitedAndWhatItPrinted() {
        assertThatThrownBy(() -> sh("echo 'benchmark jar not built'; exit 3", null).get())
                .isInstanceOf(PerfException.RunFailed.class)
                .hasMessageContaining("exited with 3; it printed: benchmark jar not built");
    }

    @Test
    void aMissingResultFileSaysHowToAskJmhForIt() {
        assertThatThrownBy(() -> sh("true", Path.of("perf.json")).get())
                .isInstanceOf(PerfException.RunFailed.class)
                .hasMessageContaining("wrote no").hasMessageContaining("-rf json -rff perf.json");
    }

    @Test
    void aCommandOverItsTimeoutIsStopped() {
        BenchmarkCommand command = new BenchmarkCommand(List.of("sh", "-c", "sleep 30"), checkout, null, Duration.ofMillis(300));

        assertThatThrownBy(command::get).isInstanceOf(PerfException.RunFailed.class).hasMessageContaining("took longer than PT0.3S");
    }

    private BenchmarkCommand sh(String script, Path resultFile) {
        return new BenchmarkCommand(List.of("sh", "-c", script), checkout, resultFile, Duration.ofSeconds(30));
    }
}
