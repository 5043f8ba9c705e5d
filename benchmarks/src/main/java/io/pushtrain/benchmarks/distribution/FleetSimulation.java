package io.pushtrain.benchmarks.distribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.pushtrain.distribution.RackAffinity;

/**
 * Issue #10 at fleet scale, by simulation: how long a push of an S-byte binary to H hosts in R racks
 * takes over BitTorrent when the tracker answers with pushtrain's {@link RackAffinity}, and how many
 * bytes cross racks; the same fleet with a tracker that ignores racks (RackAffinity asked without a
 * rack, which picks peers at random) shows what affinity buys. Both against the bound no schedule
 * can beat, max(S/u_s, S/d_min, H·S/(u_s + Σu_i)), and the cross-rack target 2·R·S.
 *
 * <p>Run: {@code java -Xmx1g -cp benchmarks/target/benchmarks.jar io.pushtrain.benchmarks.distribution.FleetSimulation
 * --hosts 10000 --racks 500 --size 1.5GB --link 1Gbit --seeds 1 --runs 3 --seed 42}
 * (those are the defaults; see {@code --help} for the model's other knobs).
 */
public final class FleetSimulation {

    private FleetSimulation() {
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        if (options.containsKey("help")) {
            System.out.println("""
                    FleetSimulation options (defaults in brackets):
                      --hosts 10000 --racks 500 --size 1.5GB --link 1Gbit --seeds 1 --runs 3 --seed 42
                      --piece 4MiB          piece length
                      --slots 4             concurrent uploads per peer and downloads per host (each at link/slots)
                      --want 30             peers per tracker answer (numwant; the tracker's answer-peers default)
                      --max-peers 80        connections a host keeps at most
                      --rack-uplink 10Gbit  top-of-rack uplink per direction (0 = unlimited)
                      --interval 10         seconds between announces (ttorrent's default)
                      --jitter 2            hosts first announce uniformly within this many seconds
                      --policy both         affinity | random | both
                      --client rarest       rarest | local-first (what-if: a host fetches from other racks only
                                            pieces none of its same-rack neighbours has)""");
            return;
        }
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        String policies = options.getOrDefault("policy", "both");
        FleetConfig config = new FleetConfig(
                Integer.parseInt(options.getOrDefault("hosts", "10000")),
                Integer.parseInt(options.getOrDefault("racks", "500")),
                Units.bytes(options.getOrDefault("size", "1.5GB")),
                Units.bitsPerSecond(options.getOrDefault("link", "1Gbit")),
                Integer.parseInt(options.getOrDefault("seeds", "1")),
                Units.bytes(options.getOrDefault("piece", "4MiB")),
                Integer.parseInt(options.getOrDefault("slots", "4")),
                Integer.parseInt(options.getOrDefault("want", "30")),
                Integer.parseInt(options.getOrDefault("max-peers", "80")),
                Units.bitsPerSecond(options.getOrDefault("rack-uplink", "10Gbit")),
                Double.parseDouble(options.getOrDefault("interval", "10")),
                Double.parseDouble(options.getOrDefault("jitter", "2")),
                true, switch (options.getOrDefault("client", "rarest")) {
                    case "rarest" -> false;
                    case "local-first" -> true;
                    default -> throw new IllegalArgumentException("--client is rarest or local-first");
                });
        describe(config);

        Map<String, List<FleetResult>> results = new LinkedHashMap<>();
        if (!policies.equals("random")) {
            results.put("rack affinity", new ArrayList<>());
        }
        if (!policies.equals("affinity")) {
            results.put("random peers", new ArrayList<>());
        }
        for (int run = 1; run <= runs; run++) {
            long runSeed = seed + run - 1;
            for (Map.Entry<String, List<FleetResult>> policy : results.entrySet()) {
                boolean aware = policy.getKey().equals("rack affinity");
                FleetResult result = simulate(config.withRackAware(aware), runSeed);
                policy.getValue().add(result);
                System.out.printf(Locale.ROOT, "run %d (seed %d), %-13s: %s%n", run, runSeed, policy.getKey(), line(config, result));
            }
        }
        System.out.printf(Locale.ROOT, "%nmedians over %d run%s%n", runs, runs == 1 ? "" : "s");
        System.out.printf(Locale.ROOT, "  %-15s %12s %12s %12s %14s %12s %10s%n", "policy", "fleet", "median host", "p99 host",
                "cross-rack", "vs 2·R·S", "vs bound");
        double bound = config.lowerBound();
        double target = 2.0 * config.racks() * config.sizeBytes();
        for (Map.Entry<String, List<FleetResult>> policy : results.entrySet()) {
            List<FleetResult> r = policy.getValue();
            double fleet = median(r, FleetResult::fleetSeconds);
            double cross = median(r, FleetResult::crossRackBytes);
            System.out.printf(Locale.ROOT, "  %-15s %11.1fs %11.1fs %11.1fs %12.0f·S %11.2fx %9.2fx%n", policy.getKey(), fleet,
                    median(r, FleetResult::medianSeconds), median(r, FleetResult::p99Seconds), cross / config.sizeBytes(),
                    cross / target, fleet / bound);
        }
        if (results.size() == 2) {
            List<FleetResult> aware = results.get("rack affinity");
            List<FleetResult> random = results.get("random peers");
            System.out.printf(Locale.ROOT, "  affinity / random: fleet time %.2fx, cross-rack bytes %.3fx%n",
                    median(aware, FleetResult::fleetSeconds) / median(random, FleetResult::fleetSeconds),
                    median(aware, FleetResult::crossRackBytes) / median(random, FleetResult::crossRackBytes));
        }
        System.out.printf(Locale.ROOT, "  lower bound %.1f s; target: fleet < 15 min, cross-rack ≤ 2·R·S = %.0f·S (%s)%n", bound,
                2.0 * config.racks(), Units.size(target));
    }

    /** One push of {@code config}: the swarm, simulated. */
    static FleetResult simulate(FleetConfig config, long seed) {
        return new Swarm(config, RackAffinity.DEFAULT, seed).run();
    }

    private static void describe(FleetConfig c) {
        double slot = c.linkBitsPerSecond() / c.slots();
        System.out.printf(Locale.ROOT, "fleet: %,d hosts in %,d racks (%.1f per rack), %d seeder%s in a rack of their own%n", c.hosts(),
                c.racks(), (double) c.hosts() / c.racks(), c.seeds(), c.seeds() == 1 ? "" : "s");
        System.out.printf(Locale.ROOT, "artifact: S = %s in %,d pieces of %s%n", Units.size(c.sizeBytes()), c.pieces(),
                Units.size(c.pieceBytes()));
        System.out.printf(Locale.ROOT, "links: %s up and down per host and seeder, %d slots of %s; top-of-rack uplink %s per direction%n",
                Units.rate(c.linkBitsPerSecond()), c.slots(), Units.rate(slot),
                c.rackUplinkBitsPerSecond() <= 0 ? "unlimited" : Units.rate(c.rackUplinkBitsPerSecond()));
        System.out.printf(Locale.ROOT, "tracker: RackAffinity.DEFAULT (crossRack %d), numwant %d, announce every %.0f s, "
                + "hosts keep at most %d connections; first announces within %.1f s%n", RackAffinity.DEFAULT.crossRack(), c.want(),
                c.announceInterval(), c.maxPeers(), c.jitter());
        System.out.printf(Locale.ROOT, "client: %s%n", c.localFirst()
                ? "local-first (what-if): rarest-first, but from other racks only pieces no same-rack neighbour has"
                : "rarest-first among connected peers, any peer with a free upload slot");
        double link = c.linkBytesPerSecond();
        System.out.printf(Locale.ROOT, "lower bound: max(S/u_s %.1f s, S/d_min %.1f s, H·S/(u_s+Σu_i) %.1f s) = %.1f s%n%n",
                c.sizeBytes() / (c.seeds() * link), c.sizeBytes() / link,
                (double) c.hosts() * c.sizeBytes() / (c.seeds() * link + c.hosts() * link), c.lowerBound());
    }

    private static String line(FleetConfig c, FleetResult r) {
        return String.format(Locale.ROOT,
                "fleet %.1f s (%.2fx bound), median host %.1f s, p99 %.1f s; cross-rack %s = %.1f·S (%.2fx 2·R·S); "
                        + "%.0f peers per host, %.0f%% of them in other racks; %,d transfers; simulated in %.1f s",
                r.fleetSeconds(), r.fleetSeconds() / c.lowerBound(), r.medianSeconds(), r.p99Seconds(), Units.size(r.crossRackBytes()),
                (double) r.crossRackBytes() / c.sizeBytes(), r.crossRackBytes() / (2.0 * c.racks() * c.sizeBytes()), r.meanPeers(),
                100 * r.crossRackPeerShare(), r.transfers(), r.wallMillis() / 1000.0);
    }

    private static double median(List<FleetResult> results, ToDoubleFunction<FleetResult> metric) {
        double[] values = results.stream().mapToDouble(metric).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + " in " + Arrays.toString(args));
            }
            String key = arg.substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                options.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (key.equals("help")) {
                options.put(key, "");
            } else if (i + 1 < args.length) {
                options.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
        }
        return options;
    }
}
