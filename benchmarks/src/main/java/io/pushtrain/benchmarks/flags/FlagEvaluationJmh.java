package io.pushtrain.benchmarks.flags;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import io.pushtrain.gatekeeper.client.FakeGatekeeper;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagUser;
import io.pushtrain.gatekeeper.client.Gatekeeper;
import io.pushtrain.gatekeeper.client.Rule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One flag evaluation, locally, by Gatekeeper's SDK and by Unleash's Java SDK, for the same flag: a user list,
 * a country condition and a 20% rollout, tried in that order, over the same 1,024 users.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main FlagEvaluationJmh -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlagEvaluationJmh {

    static final String FLAG = "photo-composer";
    static final int USERS = 1024;

    /** The same feature in Unleash's client API format: strategies are OR-ed like Gatekeeper's ordered rules. */
    static final String UNLEASH_FEATURES = """
            {"version": 2, "features": [{"name": "photo-composer", "enabled": true, "strategies": [
              {"name": "userWithId", "parameters": {"userIds": "techcrunch"}},
              {"name": "default", "constraints": [{"contextName": "country", "operator": "IN", "values": ["NZ", "AU"]}]},
              {"name": "flexibleRollout", "parameters": {"rollout": "20", "stickiness": "userId", "groupId": "photo-composer"}}
            ]}]}""";

    private Gatekeeper gatekeeper;
    private Unleash unleash;
    private FlagUser[] gatekeeperUsers;
    private UnleashContext[] unleashUsers;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        gatekeeper = new FakeGatekeeper().put(new Flag(FLAG, "new photo composer", "photos", true,
                Map.of("on", true, "off", false), "off",
                List.of(Rule.users("on", "techcrunch"), Rule.attribute("country", "in", List.of("NZ", "AU"), "on"),
                        Rule.percentage(20, "on")), null));
        unleash = new DefaultUnleash(UnleashConfig.builder()
            .appName("flag-benchmark").instanceId("jmh").unleashAPI("http://127.0.0.1:9/api")
            .toggleBootstrapProvider(() -> java.util.Optional.of(UNLEASH_FEATURES))
            .disablePolling().disableMetrics().synchronousFetchOnInitialisation(false)
            .build());
        buildUsers();
    }

    /** Users as a web tier sees them: a few named, some in the listed countries, most elsewhere. */
    private void buildUsers() {
        Random random = new Random(20);
        String[] countries = { "NZ", "AU", "US", "FR", "DE", "JP", "BR", "IN" };
        gatekeeperUsers = new FlagUser[USERS];
        unleashUsers = new UnleashContext[USERS];
        for (int i = 0; i < USERS; i++) {
            String id = i % 97 == 0 ? "techcrunch" : "user-" + random.nextInt(10_000_000);
            String country = countries[random.nextInt(countries.length)];
            gatekeeperUsers[i] = FlagUser.of(id).with("country", country);
            unleashUsers[i] = UnleashContext.builder().userId(id).addProperty("country", country).build();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        unleash.shutdown();
    }

    @Benchmark
    public boolean gatekeeper() {
        return gatekeeper.isEnabled(FLAG, gatekeeperUsers[next++ & (USERS - 1)]);
    }

    @Benchmark
    public boolean unleash() {
        return unleash.isEnabled(FLAG, unleashUsers[next++ & (USERS - 1)]);
    }

    /** Both SDKs must agree on who is in before their speed means anything. */
    public static void main(String[] args) {
        FlagEvaluationJmh bench = new FlagEvaluationJmh();
        bench.setUp();
        int agree = 0;
        int gatekeeperOn = 0;
        int unleashOn = 0;
        for (int i = 0; i < USERS; i++) {
            boolean g = bench.gatekeeper.isEnabled(FLAG, bench.gatekeeperUsers[i]);
            boolean u = bench.unleash.isEnabled(FLAG, bench.unleashUsers[i]);
            agree += g == u ? 1 : 0;
            gatekeeperOn += g ? 1 : 0;
            unleashOn += u ? 1 : 0;
        }
        System.out.printf("users %d, on: gatekeeper %d, unleash %d, same answer %d%n", USERS, gatekeeperOn, unleashOn, agree);
        bench.tearDown();
    }
}
