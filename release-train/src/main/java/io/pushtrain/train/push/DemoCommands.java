package io.pushtrain.train.push;

import java.time.Duration;
import java.util.List;

import io.pushtrain.train.TrainProperties;

/**
 * What demo mode builds, tests and measures when nothing is configured, so a newcomer sees every
 * step of a push do real work on the demo trunk: a tarball, a check per folder for conflict
 * markers written as JUnit XML, and the time to pack the tree as the benchmark.
 */
public final class DemoCommands {

    static final String BUILD = "tar czf ../app.tar.gz . && echo ../app.tar.gz";

    static final String TEST = """
            mkdir -p demo-reports && { echo '<testsuite name="demo">'; for d in */; do d=${d%/}; \
            if grep -rqs '<<<<<<<' "$d"; then echo "<testcase classname=\\"demo\\" name=\\"$d has no conflict markers\\">\
            <failure message=\\"conflict markers in $d\\"/></testcase>"; \
            else echo "<testcase classname=\\"demo\\" name=\\"$d has no conflict markers\\"/>"; fi; done; \
            echo '</testsuite>'; } > demo-reports/TEST-demo.xml""";

    static final String PERF = "s=$(date +%s%N); tar cf - . 2>/dev/null | cksum >/dev/null; e=$(date +%s%N); "
            + "echo \"pack_tree $(( (e - s) / 1000 )) us\"";

    private DemoCommands() {
    }

    /** The configured build command, else the demo's on a demo trunk, else none. */
    public static String build(TrainProperties properties) {
        String configured = properties.build().command();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return demoTrunk(properties) ? BUILD : null;
    }

    public static TrainProperties.Test test(TrainProperties properties) {
        if (properties.test().configured() || !demoTrunk(properties)) {
            return properties.test();
        }
        return new TrainProperties.Test(List.of(TEST), "demo-reports/*.xml", 1, Duration.ofMinutes(5));
    }

    public static TrainProperties.Perf perf(TrainProperties properties) {
        if (properties.perf().configured() || !demoTrunk(properties)) {
            return properties.perf();
        }
        TrainProperties.Perf configured = properties.perf();
        return new TrainProperties.Perf(PERF, null, configured.threshold(), configured.minRuns(),
                configured.maxRuns(), Duration.ofMinutes(1), Duration.ofMinutes(2));
    }

    private static boolean demoTrunk(TrainProperties properties) {
        return properties.demo() && !properties.trunk().hasRemote();
    }
}
