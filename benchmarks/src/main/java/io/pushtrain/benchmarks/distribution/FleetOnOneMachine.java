package io.pushtrain.benchmarks.distribution;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.logging.Level;

import org.slf4j.LoggerFactory;

import io.pushtrain.agent.AgentOptions;
import io.pushtrain.agent.AgentStatus;
import io.pushtrain.agent.HostAgent;
import io.pushtrain.agent.HostState;
import io.pushtrain.agent.PeerEngine;
import io.pushtrain.distribution.DistributionProperties;
import io.pushtrain.distribution.artifact.TorrentFiles;
import io.pushtrain.distribution.tracker.EmbeddedTracker;
import io.pushtrain.distribution.tracker.PeerRacks;

/**
 * Issue #10, the fleet on one machine: H real {@link HostAgent}s in R racks, each capped at u up and
 * down, get an artifact of S random bytes from pushtrain's tracker ({@link EmbeddedTracker}, racks as
 * {@code 127.0.r.0/24}) and one seeder capped at u; measured against the lower bound of peer-to-peer
 * distribution, max(S/u_s, S/d_min, H·S/(u_s + Σu_i)), and against one central HTTP server capped at u
 * serving the same H hosts.
 *
 * <p>What runs: the tracker as the server starts it (without Spring); a seeding client over the
 * artifact announcing to it, as {@code artifact.Seeder} seeds, capped at u, on the engine
 * {@code --engine pushtrain|ttorrent|libtorrent} names (agents too, see {@link PeerEngine}); the four host endpoints over memory ({@link FleetHostApi});
 * H agents, agent i on its own loopback address 127.0.r.n, polling every {@code --poll}. The clock
 * starts when the desired build is set and stops when the last agent has reported RUNNING it (after
 * its SHA-256 check and switch of {@code current}). Bytes by origin: {@link FleetRackBytes}.
 *
 * <p>Run: {@code java -Xss256k -cp benchmarks/target/benchmarks.jar
 * io.pushtrain.benchmarks.distribution.FleetOnOneMachine --engine pushtrain --hosts 100 --racks 10 --size 16MB --rate 4MB --rounds 1}
 */
public final class FleetOnOneMachine {

    private static final String TOKEN = "fleet-benchmark-token";
    private static final String SEEDER_ADDRESS = "127.0.250.1";

    private FleetOnOneMachine() {
    }

    public static void main(String[] args) throws Exception {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        java.util.logging.Logger.getLogger("").setLevel(Level.WARNING);
        java.util.logging.Logger.getLogger("io.pushtrain.agent").setLevel(Level.WARNING);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int hosts = Integer.parseInt(options.getOrDefault("hosts", "100"));
        int racks = Integer.parseInt(options.getOrDefault("racks", "10"));
        long size = Units.bytes(options.getOrDefault("size", "16MB"));
        double rate = Units.bytes(options.getOrDefault("rate", "4MB")); // bytes per second
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "1"));
        Duration poll = Duration.ofMillis(Long.parseLong(options.getOrDefault("poll-ms", "500")));
        // The central server's time is set by its pacer (H·S/u); --central-rounds 1 measures it once.
        int centralRounds = "false".equals(options.get("central")) ? 0
                : Integer.parseInt(options.getOrDefault("central-rounds", Integer.toString(rounds)));
        // A round in which some host has not switched after this long is reported as such, not timed.
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-s", "300")));
        // ttorrent 1.5 limits each peer connection, not the client: a client uploads to at most 4 unchoked
        // peers plus 1 optimistic, so u/5 per connection caps a host's upload at u (measured below).
        // --engine ttorrent|libtorrent runs agents and seeder on that engine (PeerEngine); libtorrent's
        // limits are per session, i.e. per host, so it gets u itself.
        PeerEngine engine = PeerEngine.valueOf(options.getOrDefault("engine", "pushtrain").toUpperCase(Locale.ROOT));
        System.setProperty(PeerEngine.PROPERTY, engine.name());
        int slots = engine == PeerEngine.TTORRENT ? Integer.parseInt(options.getOrDefault("upload-slots", "5")) : 1;
        Path base = options.containsKey("dir") ? Files.createDirectories(Path.of(options.get("dir")))
                : Files.createTempDirectory("fleet-one-machine");
        if (racks < 1 || racks > 200 || hosts < racks || (hosts + racks - 1) / racks > 250) {
            throw new IllegalArgumentException("racks 1-200, at most 250 hosts per rack");
        }

        double kBps = rate / 1024; // ttorrent's rates are KB/s of 1024 bytes
        double bound = Math.max(Math.max(size / rate, size / rate), hosts * size / (rate + hosts * rate));
        System.out.printf(Locale.ROOT, "fleet on one machine, engine %s: %d hosts in %d racks, artifact %s (random), every "
                + "cap u = %s/s; limits as the engine takes them: download %.0f KB/s, upload %.0f KB/s (u / %d upload slots), "
                + "seeder the same upload; poll %d ms; %d cores, JVM max heap %s, %s%n",
                engine.name().toLowerCase(Locale.ROOT), hosts, racks, Units.size(size), Units.size(rate), kBps, kBps / slots, slots, poll.toMillis(),
                Runtime.getRuntime().availableProcessors(), Units.size(Runtime.getRuntime().maxMemory()),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf(Locale.ROOT, "lower bound max(S/u_s, S/d_min, H·S/(u_s+Σu_i)) = max(%.2f, %.2f, %.2f) = %.2f s; "
                + "central server at u: H·S/u = %.1f s%n", size / rate, size / rate, hosts * size / (rate + hosts * rate), bound,
                hosts * size / rate);

        List<double[]> summary = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Path work = Files.createDirectories(base.resolve("round-" + round));
            P2p p2p = p2p(round, work, hosts, racks, size, rate, kBps, slots, poll, timeout);
            double centralSeconds = Double.NaN;
            if (round <= centralRounds) {
                Path file = work.resolve("artifact").resolve("app-" + round + ".bin");
                List<InetAddress> clients = new ArrayList<>();
                for (int i = 0; i < hosts; i++) {
                    clients.add(agentAddress(i, racks));
                }
                long t0 = System.nanoTime();
                FleetCentralServer.Result result = FleetCentralServer.run(file, p2p.sha256, clients, rate, work);
                centralSeconds = (System.nanoTime() - t0) / 1e9;
                double[] s = result.seconds().clone();
                Arrays.sort(s);
                System.out.printf(Locale.ROOT, "round %d central HTTP server: all %d hosts in %.1f s (%d verified); per host "
                        + "median %.1f s, p99 %.1f s, first %.1f s%n", round, hosts, centralSeconds, result.verified(),
                        percentile(s, 50), percentile(s, 99), s[0]);
            }
            summary.add(new double[] {p2p.seconds, centralSeconds, p2p.crossRack, p2p.median, p2p.p99, p2p.stallRestarts,
                p2p.cpuSecondsPerHost});
            System.gc();
            deleteTree(work);
        }

        System.out.printf(Locale.ROOT, "%n%d round(s); medians%n", rounds);
        double p2pSeconds = median(summary.stream().mapToDouble(r -> r[0]).filter(x -> !Double.isNaN(x)).toArray());
        System.out.printf(Locale.ROOT, "  rounds in which every host switched: %d of %d (the medians below are over those)%n",
                summary.stream().filter(r -> !Double.isNaN(r[0])).count(), rounds);
        double centralSeconds = median(summary.stream().mapToDouble(r -> r[1]).filter(x -> !Double.isNaN(x)).toArray());
        double cross = median(summary.stream().mapToDouble(r -> r[2]).toArray());
        System.out.printf(Locale.ROOT, "  %-44s %10s %10s%n", "", "seconds", "ratio");
        System.out.printf(Locale.ROOT, "  %-44s %10.1f %10s%n", "lower bound (P2P)", bound, "1.00x");
        System.out.printf(Locale.ROOT, "  %-44s %10.1f %9.2fx of the bound (target <= 2x)%n",
                "pushtrain: tracker + seeder + " + hosts + " agents", p2pSeconds, p2pSeconds / bound);
        System.out.printf(Locale.ROOT, "  %-44s %10.1f %9.2fx slower than pushtrain (target >= 10x)%n",
                "one central HTTP server at u", centralSeconds, centralSeconds / p2pSeconds);
        System.out.printf(Locale.ROOT, "  pushtrain per round: %s s; cross-rack per round: %s ·S%n",
                summary.stream().map(r -> String.format(Locale.ROOT, "%.1f", r[0])).toList(),
                summary.stream().map(r -> String.format(Locale.ROOT, "%.2f", r[2] / size)).toList());
        System.out.printf(Locale.ROOT, "  per-host completion: median %.1f s, p99 %.1f s%n",
                median(summary.stream().mapToDouble(r -> r[3]).toArray()), median(summary.stream().mapToDouble(r -> r[4]).toArray()));
        System.out.printf(Locale.ROOT, "  bytes crossing racks: %.2f·S against 2·R·S = %d·S (%s)%n", cross / size, 2 * racks,
                cross <= 2.0 * racks * size ? "met" : String.format(Locale.ROOT, "%.2fx over", cross / (2.0 * racks * size)));
        Runtime rt = Runtime.getRuntime();
        long peakHeap = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "  peak heap (sum of the pools' peaks) %s%n", Units.size(peakHeap));
        System.out.printf(Locale.ROOT, "  JVM heap in use at the end %s of %s committed; peak threads %d%n",
                Units.size(rt.totalMemory() - rt.freeMemory()), Units.size(rt.totalMemory()),
                ManagementFactory.getThreadMXBean().getPeakThreadCount());
        // One line of key=value pairs, so the figures can be tracked from run to run. A round is stalled
        // when any download in it had to be started again, or it never finished.
        long stalled = summary.stream().filter(r -> Double.isNaN(r[0]) || r[5] > 0).count();
        double cpu = median(summary.stream().mapToDouble(r -> r[6]).toArray());
        System.out.printf(Locale.ROOT, "summary: median_s=%.1f bound_s=%.1f ratio=%.2f cross_rack_copies=%.2f racks=%d rounds=%d "
                + "stalled_rounds=%d engine=%s hosts=%d cpu_s_per_host=%.3f%n", p2pSeconds, bound, p2pSeconds / bound, cross / size,
                racks, rounds, stalled, engine.name().toLowerCase(Locale.ROOT), hosts, cpu);
        // ttorrent leaves a peer's receiving thread behind now and then (not a daemon): do not wait for it.
        System.exit(0);
    }

    private record P2p(String sha256, double seconds, double median, double p99, double crossRack, int stallRestarts,
            double cpuSecondsPerHost) {
    }

    private static P2p p2p(int round, Path work, int hosts, int racks, long size, double rate, double kBps, int slots,
            Duration poll, Duration timeout) throws Exception {
        // The artifact: S random bytes, its SHA-256 and torrent.
        Path artifactDir = Files.createDirectories(work.resolve("artifact"));
        String fileName = "app-" + round + ".bin";
        Path file = artifactDir.resolve(fileName);
        String sha256 = writeRandom(file, size, 42 + round);

        Map<String, List<String>> rackBlocks = new LinkedHashMap<>();
        for (int r = 1; r <= racks; r++) {
            rackBlocks.put("rack-" + r, List.of("127.0." + r + ".0/24"));
        }
        DistributionProperties properties = new DistributionProperties(work.resolve("data"),
                new DistributionProperties.Tracker("127.0.0.1", 0, "127.0.0.1", 30, null, null), rackBlocks,
                DistributionProperties.Distribution.defaults());
        EmbeddedTracker tracker = new EmbeddedTracker(properties, new PeerRacks(properties.racks(), ip -> Optional.empty(),
                Clock.systemUTC()));
        tracker.start();
        long tTorrent = System.nanoTime();
        byte[] torrent = TorrentFiles.encoded(TorrentFiles.create(file, tracker.announceUrl()));
        double torrentSeconds = (System.nanoTime() - tTorrent) / 1e9;
        tracker.track(torrent);

        // The seeder: what artifact.Seeder does (a seeding client on the same engine announcing to the tracker), capped at u.
        PeerEngine engine = PeerEngine.configured();
        PeerEngine.Seed seeder = engine.seed(torrent, artifactDir, InetAddress.getByName(SEEDER_ADDRESS), kBps / slots);

        FleetHostApi api = new FleetHostApi(TOKEN);
        List<HostAgent> agents = new ArrayList<>();
        FleetRackBytes rackBytes = null;
        try {
            for (int i = 0; i < hosts; i++) {
                InetAddress address = agentAddress(i, racks);
                int rack = i % racks + 1;
                HostAgent agent = new HostAgent(AgentOptions.of(api.url(), TOKEN, "rack-" + rack, "prod",
                        work.resolve("hosts").resolve("h" + i)).withName("h" + i).withAddress(address).withPoll(poll)
                        .withRates(kBps, kBps / slots).withServerKeys(java.util.List.of(api.publicKey())));
                agents.add(agent);
                agent.start();
            }
            for (HostAgent agent : agents) {
                agent.await(AgentStatus::registered, Duration.ofMinutes(2));
            }
            System.out.printf(Locale.ROOT, "round %d: torrent hashed in %.1f s, seeder on %s, %d agents registered; "
                    + "setting the desired build%n", round, torrentSeconds, seeder.listening(), api.registered.size());

            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                addresses.add(agentAddress(i, racks).getHostAddress());
            }
            // libtorrent binds every connection to the host's own address, so the kernel's addresses say who holds
            // each socket; ttorrent's outgoing ones come from 127.0.0.1 and are looked up in its peer lists.
            rackBytes = new FleetRackBytes(racks, SEEDER_ADDRESS, 500);
            String id = "app-" + round;
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            api.desire(new FleetHostApi.Artifact(id, sha256, size, fileName, torrent));
            long deadline = t0 + timeout.toNanos();
            int lastPrinted = -1;
            long lastPrint = t0;
            while (api.running.size() < hosts) {
                if (System.nanoTime() > deadline) {
                    System.out.printf(Locale.ROOT, "round %d: only %d of %d hosts running after %d s; the others:%n", round,
                            api.running.size(), hosts, timeout.toSeconds());
                    for (HostAgent agent : agents) {
                        AgentStatus s = agent.status();
                        if (!api.running.containsKey(s.name())) {
                            System.out.printf(Locale.ROOT, "    %s %s: %s, %s%n", s.name(), agent.options().address().getHostAddress(),
                                    s.state(), s.transfer());
                        }
                    }
                    break;
                }
                Thread.sleep(100);
                if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                    lastPrint = System.nanoTime();
                    lastPrinted = api.running.size();
                    long[] t = rackBytes.totals();
                    System.out.printf(Locale.ROOT, "  %5.1f s: %d/%d downloading, %d/%d running; received so far (last "
                            + "sample): same rack %s, other racks %s, seeder %s%n", (lastPrint - t0) / 1e9, api.downloading.size(),
                            hosts, lastPrinted, hosts, Units.size(t[0]), Units.size(t[1]), Units.size(t[2]));
                }
            }
            double cpuPerHost = (os.getProcessCpuTime() - cpu0) / 1e9 / hosts;
            boolean all = api.running.size() == hosts;
            double seconds = all ? (api.running.values().stream().mapToLong(Long::longValue).max().orElseThrow() - t0) / 1e9
                    : Double.NaN;
            rackBytes.close();
            rackBytes.sample();
            double[] each = api.running.values().stream().mapToDouble(t -> (t - t0) / 1e9).sorted().toArray();
            double[] started = api.downloading.values().stream().mapToDouble(t -> (t - t0) / 1e9).sorted().toArray();
            long agentDownloaded = 0;
            long agentUploaded = 0;
            int runningAgents = 0;
            for (HostAgent agent : agents) {
                AgentStatus s = agent.status();
                runningAgents += s.state() == HostState.RUNNING && id.equals(s.version()) ? 1 : 0;
                agentDownloaded += s.transfer() == null ? 0 : s.transfer().bytesDownloaded();
                agentUploaded += s.bytesUploaded();
            }
            long[] t = rackBytes.totals();
            long seen = t[0] + t[1] + t[2] + t[3];
            double cross = t[1] + t[2];
            System.out.printf(Locale.ROOT, "round %d pushtrain: %d of %d hosts running %s, the last at %.1f s (%d agents say RUNNING); "
                    + "per host median %.1f s, p99 %.1f s, first %.1f s%n", round, api.running.size(), hosts, id,
                    each[each.length - 1], runningAgents,
                    percentile(each, 50), percentile(each, 99), each[0]);
            if (started.length > 0) {
                System.out.printf(Locale.ROOT, "  first DOWNLOADING report (desired build seen, torrent fetched, ttorrent client "
                        + "started): median %.1f s, last %.1f s (%d hosts reported it)%n",
                        percentile(started, 50), started[started.length - 1], started.length);
            }
            System.out.printf(Locale.ROOT, "  received by the agents (kernel tcp_info, %d sockets, %s): same rack %s (%.2f·S), "
                    + "other racks %s (%.2f·S), from the seeder %s (%.2f·S), unattributed %s (%.2f·S); crossing racks = other "
                    + "racks + seeder = %.2f·S%n", rackBytes.sockets(), rackBytes.samplingCost(), Units.size(t[0]),
                    t[0] / (double) size, Units.size(t[1]), t[1] / (double) size, Units.size(t[2]), t[2] / (double) size,
                    Units.size(t[3]), t[3] / (double) size, cross / size);
            double[] up = rackBytes.peakRates(addresses, true, 2);
            double[] down = rackBytes.peakRates(addresses, false, 2);
            double[] seederUp = rackBytes.peakRates(List.of(SEEDER_ADDRESS), true, 2);
            System.out.printf(Locale.ROOT, "  caps as enforced (kernel, highest rate over any 2 s window, against u = %s/s): seeder "
                    + "%s/s (average %s/s over the run); agents' upload median %s/s, max %s/s; download median %s/s, max %s/s%n",
                    mb(rate), mb(seederUp[0]), mb(rackBytes.sentBy(SEEDER_ADDRESS) / seconds),
                    mb(percentile(up, 50)), mb(up[up.length - 1]), mb(percentile(down, 50)),
                    mb(down[down.length - 1]));
            System.out.printf(Locale.ROOT, "  agents' own counters: downloaded %s (%.2f·S), uploaded %s; seeder uploaded %s "
                    + "(%.2f·S); kernel bytes / agents' downloaded = %.3f%n", Units.size(agentDownloaded),
                    agentDownloaded / (double) size, Units.size(agentUploaded), Units.size(seeder.uploaded()),
                    seeder.uploaded() / (double) size, seen / (double) agentDownloaded);
            int restarts = agents.stream().mapToInt(HostAgent::stallRestarts).sum();
            System.out.printf(Locale.ROOT, "  downloads started again after a stall: %d; CPU (whole JVM: tracker, seeder, "
                    + "agents, sampling) %.3f s per host%n", restarts, cpuPerHost);
            return new P2p(sha256, seconds, percentile(each, 50), percentile(each, 99), cross, restarts, cpuPerHost);
        } finally {
            if (rackBytes != null) {
                rackBytes.close();
            }
            agents.parallelStream().forEach(HostAgent::close);
            seeder.close();
            api.close();
            tracker.close();
        }
    }

    /** Host i: rack i mod R + 1, address 127.0.rack.(i / R + 1). */
    static InetAddress agentAddress(int i, int racks) throws IOException {
        return InetAddress.getByName("127.0." + (i % racks + 1) + "." + (i / racks + 1));
    }

    private static String writeRandom(Path file, long size, long seed) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(seed);
        byte[] buffer = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                int n = (int) Math.min(buffer.length, left);
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
