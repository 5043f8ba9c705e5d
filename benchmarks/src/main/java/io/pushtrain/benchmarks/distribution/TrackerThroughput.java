package io.pushtrain.benchmarks.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.LoggerFactory;

import com.turn.ttorrent.common.Torrent;
import com.turn.ttorrent.tracker.Tracker;

import io.pushtrain.distribution.DistributionProperties;
import io.pushtrain.distribution.tracker.EmbeddedTracker;
import io.pushtrain.distribution.tracker.PeerRacks;

/**
 * Issue #10, tracker throughput: announces per second against one torrent with 10,000 distinct
 * peers, pushtrain's tracker ({@link EmbeddedTracker}) side by side with opentracker (the Debian
 * package) in one run, and optionally ttorrent's own tracker answering with RackAffinity
 * ({@link RackTrackedTorrent}, {@code --trackers pushtrain,ttorrent,opentracker}); rounds
 * alternating A B A B.
 *
 * <p>Every peer has its own peer_id, port (20000 + i) and address (ip=10.x.y.z, 20 peers per /24,
 * which is the rack). Before each timed round every peer announces {@code started} to the tracker
 * of that round (untimed; it also keeps ttorrent's 30-second freshness). Then {@code --threads}
 * client threads send regular announces (no event, compact=1, numwant) for {@code --seconds}, each
 * thread cycling through its share of the peers. The same client for every tracker, once with a new
 * connection per announce ({@code Connection: close}) and once on connections kept alive
 * ({@code --connections new,keep-alive}, the default); opentracker closes every connection after its
 * answer, so it runs only the first way. Reported: announces/s, p50 and p99 latency per round,
 * medians over rounds, and a summary line whose first four figures compare the two trackers with a
 * new connection per announce each.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.pushtrain.benchmarks.distribution.TrackerThroughput
 * --peers 10000 --threads 8 --seconds 10 --rounds 3 --numwant 50}
 */
public final class TrackerThroughput {

    /**
     * One line of key=value pairs for pushtrain against opentracker, so the figures can be tracked
     * from run to run. The first four compare like with like: both trackers with a new connection
     * per announce (opentracker closes every connection anyway). The keep-alive figures follow.
     */
    private static void summary(List<Run> runs, double[] medians, double[] p99s) {
        int ours = -1;
        int keptAlive = -1;
        int peer = -1;
        for (int i = 0; i < runs.size(); i++) {
            String name = runs.get(i).target.name;
            ours = name.equals("pushtrain") && !runs.get(i).keepAlive ? i : ours;
            keptAlive = name.equals("pushtrain") && runs.get(i).keepAlive ? i : keptAlive;
            peer = name.equals("opentracker") ? i : peer;
        }
        if (ours < 0 && keptAlive < 0) {
            return;
        }
        int main = ours >= 0 ? ours : keptAlive;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "summary: pushtrain_per_s=%.0f opentracker_per_s=%s ratio=%s p99_ms=%.2f",
                medians[main], peer < 0 ? "NA" : String.format(Locale.ROOT, "%.0f", medians[peer]),
                peer < 0 ? "NA" : String.format(Locale.ROOT, "%.3f", medians[main] / medians[peer]), p99s[main]));
        if (ours >= 0 && keptAlive >= 0) {
            line.append(String.format(Locale.ROOT, " keepalive_per_s=%.0f keepalive_ratio=%s keepalive_p99_ms=%.2f", medians[keptAlive],
                    peer < 0 ? "NA" : String.format(Locale.ROOT, "%.3f", medians[keptAlive] / medians[peer]), p99s[keptAlive]));
        }
        System.out.println(line);
    }

    /** A tracker with a way of connecting: a new connection per announce, or one kept alive. */
    private record Run(Target target, boolean keepAlive) {
        String label() {
            return target.name + (keepAlive ? " ka" : " new");
        }
    }

    private static final int PEERS_PER_RACK = 20;
    private static final long LEFT = 1_500_000_000L;

    private TrackerThroughput() {
    }

    public static void main(String[] args) throws Exception {
        // ttorrent logs every peer that starts at INFO; a tracker in production runs it at WARN.
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int peers = Integer.parseInt(options.getOrDefault("peers", "10000"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "8"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int numwant = Integer.parseInt(options.getOrDefault("numwant", "50"));
        String opentracker = options.getOrDefault("opentracker", "/usr/bin/opentracker");
        List<String> trackers = List.of(options.getOrDefault("trackers", "pushtrain,opentracker").split(","));
        List<String> connections = List.of(options.getOrDefault("connections", "new,keep-alive").split(","));

        Path work = Files.createTempDirectory("tracker-throughput");
        Path data = work.resolve("artifact.bin");
        byte[] bytes = new byte[1 << 20];
        new Random(42).nextBytes(bytes);
        Files.write(data, bytes);
        Torrent torrent = Torrent.create(data.toFile(), URI.create("http://127.0.0.1:6969/announce"), "pushtrain benchmark");
        String infoHash = urlEncode(torrent.getInfoHash());

        List<Target> targets = new ArrayList<>();
        try {
            for (String tracker : trackers) {
                targets.add(switch (tracker.trim()) {
                    case "pushtrain" -> Target.pushtrain(torrent, numwant, work, peers);
                    case "ttorrent" -> Target.ttorrent(torrent, numwant);
                    case "opentracker" -> Target.opentracker(opentracker, torrent.getHexInfoHash(), work);
                    default -> throw new IllegalArgumentException("--trackers takes pushtrain, ttorrent, opentracker");
                });
            }
            System.out.printf(Locale.ROOT, "torrent %s; %,d peers (20 per /24 rack), %d client threads, %d s per round, "
                    + "%d rounds per tracker alternating, numwant %d%n", torrent.getHexInfoHash(), peers, threads, seconds, rounds,
                    numwant);
            for (Target target : targets) {
                System.out.printf(Locale.ROOT, "  %-12s %s%n", target.name, target.description);
            }
            System.out.println(policyCost(peers, numwant));
            if (trackers.contains("pushtrain")) {
                System.out.println(rackLookupCost(peers));
            }
            Load load = new Load(peers, infoHash, numwant, threads);
            // The same client for every tracker, with a new connection per announce; pushtrain's also with
            // connections kept alive. opentracker closes every connection after its answer, so a kept-alive
            // round against it would be the same as its new-connection round.
            List<Run> runs = new ArrayList<>();
            for (Target target : targets) {
                for (String mode : connections) {
                    boolean keepAlive = mode.equals("keep-alive");
                    if (!keepAlive || !target.name.equals("opentracker")) {
                        runs.add(new Run(target, keepAlive));
                    }
                }
            }
            System.out.println("connections: " + String.join(", ", connections)
                    + " (opentracker closes every connection, so it runs with a new connection per announce only)");
            for (Run run : runs) {
                System.out.printf(Locale.ROOT, "%s: warm-up (%s), then %s%n", run.label(), load.register(run.target),
                        load.round(run.target, 3, run.keepAlive));
            }
            Map<Run, List<Round>> results = new LinkedHashMap<>();
            for (int r = 1; r <= rounds; r++) {
                for (Run run : runs) {
                    String registration = load.register(run.target);
                    Round round = load.round(run.target, seconds, run.keepAlive);
                    results.computeIfAbsent(run, t -> new ArrayList<>()).add(round);
                    System.out.printf(Locale.ROOT, "round %d %-16s %s   [re-registered: %s]   load %s%n", r, run.label(), round,
                            registration, loadAverage());
                }
            }
            System.out.printf(Locale.ROOT, "%nmedians over %d rounds%n", rounds);
            double[] medians = new double[runs.size()];
            double[] p99s = new double[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                Run run = runs.get(i);
                List<Round> list = results.get(run);
                medians[i] = median(list.stream().mapToDouble(Round::perSecond).toArray());
                p99s[i] = median(list.stream().mapToDouble(Round::p99Millis).toArray());
                System.out.printf(Locale.ROOT, "  %-16s %,10.0f announces/s   p50 %6.2f ms   p99 %7.2f ms   %s%n", run.label(),
                        medians[i], median(list.stream().mapToDouble(Round::p50Millis).toArray()), p99s[i], list.get(0).shape());
            }
            for (int i = 1; i < runs.size(); i++) {
                System.out.printf(Locale.ROOT, "  %s / %s: %.3fx%n", runs.get(0).label(), runs.get(i).label(), medians[0] / medians[i]);
            }
            summary(runs, medians, p99s);
        } finally {
            for (Target target : targets) {
                target.close();
            }
        }
    }

    /** A tracker under test: where it listens and how to stop it. */
    private static final class Target implements AutoCloseable {
        final String name;
        final String description;
        final InetSocketAddress address;
        private final AutoCloseable stop;

        private Target(String name, String description, InetSocketAddress address, AutoCloseable stop) {
            this.name = name;
            this.description = description;
            this.address = address;
            this.stop = stop;
        }

        /**
         * pushtrain's own tracker, {@link EmbeddedTracker}, started as the server starts it but without
         * Spring: racks from {@code pushtrain.racks}, one /24 CIDR block per rack, no host registry.
         */
        static Target pushtrain(Torrent torrent, int numwant, Path work, int peers) {
            Map<String, List<String>> racks = new LinkedHashMap<>();
            for (int rack = 0; rack * PEERS_PER_RACK < peers; rack++) {
                racks.put("rack-" + rack, List.of(String.format(Locale.ROOT, "10.%d.%d.0/24", rack >> 8 & 255, rack & 255)));
            }
            DistributionProperties properties = new DistributionProperties(work,
                    new DistributionProperties.Tracker("127.0.0.1", 0, "127.0.0.1", numwant, null, null), racks,
                    DistributionProperties.Distribution.defaults());
            EmbeddedTracker tracker = new EmbeddedTracker(properties, new PeerRacks(properties.racks(), ip -> Optional.empty(),
                    Clock.systemUTC()));
            tracker.track(torrent.getEncoded());
            tracker.start();
            return new Target("pushtrain", "io.pushtrain.distribution.tracker.EmbeddedTracker (bittorrent-distributor), in this JVM, "
                    + racks.size() + " racks as /24 blocks in pushtrain.racks, answer-peers " + numwant,
                    new InetSocketAddress("127.0.0.1", tracker.port()), tracker::close);
        }

        static Target ttorrent(Torrent torrent, int numwant) throws Exception {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
            Tracker tracker = new Tracker(address);
            tracker.announce(new RackTrackedTorrent(torrent.getEncoded(), numwant, 42));
            tracker.start();
            awaitListening(address);
            return new Target("ttorrent+RA", "ttorrent-core 1.5 Tracker (its own HTTP server), a TrackedTorrent answering with "
                    + "RackAffinity.DEFAULT, in this JVM",
                    address, tracker::stop);
        }

        static Target opentracker(String binary, String hexInfoHash, Path work) throws Exception {
            int port = freePort();
            // The Debian build only serves whitelisted torrents. opentracker chroots into -d (so -w is relative
            // to it) and then runs as nobody, who must be able to read the folder and the list.
            Files.writeString(work.resolve("whitelist"), hexInfoHash.toLowerCase(Locale.ROOT) + "\n");
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(work.resolve("whitelist"), PosixFilePermissions.fromString("rw-r--r--"));
            Process process = new ProcessBuilder(binary, "-i", "127.0.0.1", "-p", Integer.toString(port), "-P",
                    Integer.toString(port), "-d", work.toString(), "-w", "whitelist")
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("opentracker.log").toFile())
                    .start();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            awaitListening(address);
            awaitWhitelisted(address, hexInfoHash);
            return new Target("opentracker", binary + " (Debian package), child process pid " + process.pid(), address, () -> {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
            });
        }

        @Override
        public void close() {
            try {
                stop.close();
            } catch (Exception e) {
                System.err.println("stopping " + name + ": " + e);
            }
        }
    }

    /** The client side: the peers' requests, and the threads that send them. */
    private static final class Load {
        private final int peers;
        private final int threads;
        private final String[] started;
        private final String[] regular;
        private final ExecutorService pool;

        Load(int peers, String infoHash, int numwant, int threads) {
            this.peers = peers;
            this.threads = threads;
            this.started = new String[peers];
            this.regular = new String[peers];
            for (int i = 0; i < peers; i++) {
                int rack = i / PEERS_PER_RACK;
                String peerId = String.format(Locale.ROOT, "-PT0001-%012d", i);
                String ip = String.format(Locale.ROOT, "10.%d.%d.%d", rack >> 8 & 255, rack & 255, i % PEERS_PER_RACK + 1);
                regular[i] = "/announce?info_hash=" + infoHash + "&peer_id=" + peerId + "&port=" + (20000 + i)
                        + "&uploaded=0&downloaded=0&left=" + LEFT + "&compact=1&numwant=" + numwant + "&ip=" + ip;
                started[i] = regular[i] + "&event=started";
            }
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "announcer");
                t.setDaemon(true);
                return t;
            });
        }

        /** Every peer announces started; returns how long that took and what the tracker then counts. */
        String register(Target target) throws Exception {
            long t0 = System.nanoTime();
            AtomicInteger failures = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    try (HttpConnection connection = new HttpConnection(target.address)) {
                        for (int i = first; i < peers; i += threads) {
                            byte[] body = connection.get(started[i]);
                            if (connection.status() != 200 || indexOf(body, "5:peers") < 0) {
                                failures.incrementAndGet();
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double took = (System.nanoTime() - t0) / 1e9;
            byte[] probe;
            try (HttpConnection connection = new HttpConnection(target.address)) {
                probe = connection.get(regular[0]);
            }
            if (failures.get() > 0) {
                throw new IllegalStateException(target.name + ": " + failures + " started announces failed; last answer: "
                        + new String(probe, StandardCharsets.ISO_8859_1));
            }
            return String.format(Locale.ROOT, "%,d started in %.1f s, tracker counts %,d leechers", peers, took,
                    bencodedInt(probe, "10:incompletei"));
        }

        Round round(Target target, int seconds, boolean keepAlive) throws Exception {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long started0 = System.nanoTime();
            List<Future<Stats>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    Stats stats = new Stats();
                    try (HttpConnection connection = new HttpConnection(target.address, !keepAlive)) {
                        int i = first;
                        while (System.nanoTime() < deadline) {
                            long t0 = System.nanoTime();
                            byte[] body = connection.get(regular[i]);
                            long t1 = System.nanoTime();
                            int peersAt = indexOf(body, "5:peers");
                            if (connection.status() == 200 && peersAt >= 0) {
                                stats.add(t1 - t0);
                                if ((stats.count & 63) == 1) {
                                    stats.samplePeers(compactPeers(body, peersAt));
                                }
                            } else {
                                stats.errors++;
                            }
                            i += threads;
                            if (i >= peers) {
                                i = first;
                            }
                        }
                        stats.connects = connection.connects();
                        stats.keptAlive = connection.keptAlive();
                    }
                    return stats;
                }));
            }
            Stats total = new Stats();
            for (Future<Stats> f : futures) {
                total.merge(f.get());
            }
            double elapsed = (System.nanoTime() - started0) / 1e9;
            return total.round(elapsed);
        }
    }

    /** One thread's latencies. */
    private static final class Stats {
        long[] nanos = new long[1 << 14];
        int count;
        int errors;
        int connects;
        boolean keptAlive = true;
        long peerSamples;
        long peerSum;

        void add(long latency) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = latency;
        }

        void samplePeers(int n) {
            peerSamples++;
            peerSum += n;
        }

        void merge(Stats other) {
            for (int i = 0; i < other.count; i++) {
                add(other.nanos[i]);
            }
            errors += other.errors;
            connects += other.connects;
            keptAlive &= other.keptAlive;
            peerSamples += other.peerSamples;
            peerSum += other.peerSum;
        }

        Round round(double elapsed) {
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return new Round(count / elapsed, count, errors, percentile(sorted, 0.5) / 1e6, percentile(sorted, 0.99) / 1e6,
                    peerSamples == 0 ? 0 : (double) peerSum / peerSamples, connects, keptAlive);
        }

        private static double percentile(long[] sorted, double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
        }
    }

    private record Round(double perSecond, int announces, int errors, double p50Millis, double p99Millis, double peersPerAnswer,
            int connects, boolean keptAlive) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,8.0f announces/s  p50 %6.2f ms  p99 %7.2f ms  (%,d ok, %d errors)", perSecond,
                    p50Millis, p99Millis, announces, errors);
        }

        String shape() {
            return String.format(Locale.ROOT, "%.1f peers per answer, %s", peersPerAnswer,
                    keptAlive ? "connections kept alive" : "a new connection per announce (" + connects + " in round 1)");
        }
    }

    /** What RackAffinity alone costs per answer over this many peers, in this JVM, one thread. */
    private static String policyCost(int peers, int numwant) {
        List<String> racks = new ArrayList<>(peers);
        for (int i = 0; i < peers; i++) {
            int rack = i / PEERS_PER_RACK;
            racks.add(String.format(Locale.ROOT, "10.%d.%d", rack >> 8 & 255, rack & 255));
        }
        List<Integer> candidates = new ArrayList<>(peers);
        for (int i = 0; i < peers; i++) {
            candidates.add(i);
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        long sink = 0;
        double[] micros = new double[5];
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                sink += io.pushtrain.distribution.RackAffinity.DEFAULT.choose(racks.get(i * 37 % peers), candidates, racks::get,
                        numwant, random).size();
            }
            if (round > 0) {
                micros[round - 1] = (System.nanoTime() - t0) / 1e3 / 200;
            }
        }
        return String.format(Locale.ROOT, "RackAffinity.DEFAULT.choose over %,d candidates, numwant %d, one thread: %.0f µs per answer "
                + "(median of 5 x 200 calls after a warm-up; %d peers handed out)", peers, numwant, median(micros), sink);
    }

    /** What one PeerRacks.rackOf costs with one /24 block per rack, as the pushtrain target is configured. */
    private static String rackLookupCost(int peers) {
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        for (int rack = 0; rack * PEERS_PER_RACK < peers; rack++) {
            blocks.put("rack-" + rack, List.of(String.format(Locale.ROOT, "10.%d.%d.0/24", rack >> 8 & 255, rack & 255)));
        }
        PeerRacks racks = new PeerRacks(blocks, ip -> Optional.empty(), Clock.systemUTC());
        String[] ips = new String[peers];
        for (int i = 0; i < peers; i++) {
            int rack = i / PEERS_PER_RACK;
            ips[i] = String.format(Locale.ROOT, "10.%d.%d.%d", rack >> 8 & 255, rack & 255, i % PEERS_PER_RACK + 1);
        }
        long sink = 0;
        double[] micros = new double[5];
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (String ip : ips) {
                sink += racks.rackOf(ip).length();
            }
            if (round > 0) {
                micros[round - 1] = (System.nanoTime() - t0) / 1e3 / peers;
            }
        }
        return String.format(Locale.ROOT, "PeerRacks.rackOf with %d /24 blocks, one thread: %.2f µs per address, so %.1f ms for the "
                + "%,d candidates of one answer (median of 5 passes; %d)", blocks.size(), median(micros), median(micros) * peers / 1e3,
                peers, sink % 10);
    }

    private static int compactPeers(byte[] body, int at) {
        int i = at + "5:peers".length();
        int length = 0;
        while (i < body.length && body[i] >= '0' && body[i] <= '9') {
            length = length * 10 + body[i++] - '0';
        }
        return i < body.length && body[i] == ':' ? length / 6 : -1;
    }

    private static long bencodedInt(byte[] body, String key) {
        int at = indexOf(body, key);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        for (int i = at + key.length(); i < body.length && body[i] != 'e'; i++) {
            value = value * 10 + body[i] - '0';
        }
        return value;
    }

    private static int indexOf(byte[] body, String text) {
        byte[] needle = text.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + needle.length <= body.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String urlEncode(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            s.append('%').append(Character.forDigit(b >> 4 & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return s.toString().toUpperCase(Locale.ROOT);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceFirst("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** opentracker loads its whitelist in the background: wait until it serves the torrent. */
    private static void awaitWhitelisted(InetSocketAddress address, String hexInfoHash) throws Exception {
        byte[] hash = new byte[20];
        for (int i = 0; i < 20; i++) {
            hash[i] = (byte) Integer.parseInt(hexInfoHash.substring(2 * i, 2 * i + 2), 16);
        }
        String scrape = "/scrape?info_hash=" + urlEncode(hash);
        String probe = "/announce?info_hash=" + urlEncode(hash) + "&peer_id=-PT0001-probeprobepr&port=1&uploaded=0"
                + "&downloaded=0&left=0&compact=1&numwant=0&event=stopped";
        String last = "";
        for (int i = 0; i < 100; i++) {
            try (HttpConnection connection = new HttpConnection(address)) {
                last = new String(connection.get(probe), StandardCharsets.ISO_8859_1);
                if (!last.contains("failure reason")) {
                    connection.get(scrape);
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("opentracker does not serve the torrent: " + last);
    }

    private static void awaitListening(InetSocketAddress address) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listens on " + address);
    }
}
