package io.pushtrain.server.demo;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * What demo mode builds, tests and measures when nothing is configured, so a newcomer sees every
 * step of a push do real work on the demo trunk: a tarball, a check per folder for conflict
 * markers written as JUnit XML, and the time to pack the tree as the benchmark.
 *
 * <p>They are defaults of the configuration, added once before it is bound: the release train
 * sees commands, never "the demo".
 */
public class DemoPushCommands implements EnvironmentPostProcessor {

    static final String BUILD = "tar czf ../app.tar.gz . && echo ../app.tar.gz";

    static final String TEST = """
            mkdir -p demo-reports && { echo '<testsuite name="demo">'; for d in */; do d=$(basename "$d"); \
            if grep -rqs '<<<<<<<' "$d"; then echo "<testcase classname=\\"demo\\" name=\\"$d has no conflict markers\\">\
            <failure message=\\"conflict markers in $d\\"/></testcase>"; \
            else echo "<testcase classname=\\"demo\\" name=\\"$d has no conflict markers\\"/>"; fi; done; \
            echo '</testsuite>'; } > demo-reports/TEST-demo.xml""";

    static final String PERF = "s=$(date +%s%N); tar cf - . 2>/dev/null | cksum >/dev/null; e=$(date +%s%N); "
            + "echo \"pack_tree $(( (e - s) / 1000 )) us\"";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean demo = environment.getProperty("pushtrain.demo", Boolean.class, true)
                && !StringUtils.hasText(environment.getProperty("pushtrain.trunk.remote"));
        if (!demo) {
            return;
        }
        Binder binder = Binder.get(environment);
        Map<String, Object> defaults = new HashMap<>();
        if (!bound(binder, "pushtrain.build.command")) {
            defaults.put("pushtrain.build.command", BUILD);
        }
        // A project's own test command keeps its own report glob and timeout: only a demo command brings the demo's.
        if (!bound(binder, "pushtrain.test.commands")) {
            defaults.put("pushtrain.test.commands[0]", TEST);
            defaults.put("pushtrain.test.reports", "demo-reports/*.xml");
            defaults.put("pushtrain.test.timeout", "5m");
        }
        if (!bound(binder, "pushtrain.perf.command")) {
            defaults.put("pushtrain.perf.command", PERF);
            defaults.put("pushtrain.perf.timeout", "1m");
            defaults.put("pushtrain.perf.budget", "2m");
        }
        environment.getPropertySources().addLast(new MapPropertySource("pushtrain-demo-commands", defaults));
    }

    private static boolean bound(Binder binder, String key) {
        return binder.bind(key, Bindable.listOf(String.class)).map(list -> !list.isEmpty()).orElse(false);
    }
}
