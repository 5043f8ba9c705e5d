package io.pushtrain.benchmarks.distribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Bytes moved between the agents and the seeder over TCP, by who sent them to whom, read from the
 * kernel: every {@code period} it runs {@code ss -tinHe state established} (iproute2: each socket's
 * tcp_info) and keeps, per socket, the largest {@code bytes_received}, so each byte is counted once, by
 * the socket that received it.
 *
 * <p>Who is at each end: pushtrain's engine binds every connection to its host's address
 * (127.0.r.n), so both ends of a socket name their host. An engine that does not bind its outgoing
 * connections (ttorrent 1.5, kept for comparison) gets 127.0.0.1 as their source from Linux; those
 * bytes are counted as unattributed rather than guessed by reaching into the library. What arrives on a socket after its last sample and before it closes is missed; the
 * caller compares the total with the agents' own counters.
 */
final class FleetRackBytes implements AutoCloseable {

    static final String LOCALHOST = "127.0.0.1";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** One socket's receiving side: who received, who sent, how many bytes. */
    private static final class Flow {
        final String receiver;
        final String sender;
        long bytes;

        Flow(String receiver, String sender) {
            this.receiver = receiver;
            this.sender = sender;
        }
    }

    private final int racks;
    private final String seeder;
    private final Map<String, Flow> flows = new HashMap<>();
    private final List<Long> times = new ArrayList<>();
    private final List<Map<String, Long>> sentSeries = new ArrayList<>();
    private final List<Map<String, Long>> receivedSeries = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;
    private int samples;
    private double sampleMillis;

    FleetRackBytes(int racks, String seederAddress, long periodMillis) {
        this.racks = racks;
        this.seeder = seederAddress;
        this.thread = new Thread(() -> {
            while (!stop) {
                try {
                    sample();
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    System.err.println("sampling sockets: " + e);
                }
            }
        }, "rack-bytes");
        thread.setDaemon(true);
        thread.start();
    }

    /** 127.0.r.n with 1 <= r <= racks: r; the seeder: 0; anything else: -1. */
    int rackOf(String ip) {
        if (ip == null) {
            return -1;
        }
        if (ip.equals(seeder)) {
            return 0;
        }
        if (!ip.startsWith("127.0.")) {
            return -1;
        }
        int r = Integer.parseInt(ip.substring(6, ip.lastIndexOf('.')));
        return r >= 1 && r <= racks ? r : -1;
    }

    synchronized void sample() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process ss = new ProcessBuilder("ss", "-tinHe", "state", "established").redirectErrorStream(true).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(ss.getInputStream(), StandardCharsets.US_ASCII))) {
            String key = null;
            String receiver = null;
            String sender = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    continue;
                }
                if (!Character.isWhitespace(line.charAt(0))) {
                    // "0 0 [::ffff:127.0.1.5]:49152 [::ffff:127.0.0.1]:50396 ino:6211285 sk:1054 ..."
                    key = null;
                    String[] tokens = WHITESPACE.split(line, 6);
                    if (tokens.length < 4) {
                        continue;
                    }
                    String local = address(tokens[2]);
                    String remote = address(tokens[3]);
                    if (local == null || remote == null) {
                        continue;
                    }
                    String localIp = local.substring(0, local.lastIndexOf(':'));
                    String remoteIp = remote.substring(0, remote.lastIndexOf(':'));
                    if (rackOf(localIp) >= 0 || rackOf(remoteIp) >= 0) {
                        // the receiving socket's own end, and the sending end
                        receiver = localIp.equals(LOCALHOST) ? null : localIp;
                        sender = remoteIp.equals(LOCALHOST) ? null : remoteIp;
                        int ino = line.indexOf("ino:");
                        key = local + ">" + remote + "#" + (ino < 0 ? "" : line.substring(ino, line.indexOf(' ', ino) < 0
                                ? line.length() : line.indexOf(' ', ino)));
                    }
                    continue;
                }
                int at = key == null ? -1 : line.indexOf("bytes_received:");
                if (at >= 0) {
                    long bytes = 0;
                    for (int i = at + "bytes_received:".length(); i < line.length() && Character.isDigit(line.charAt(i)); i++) {
                        bytes = bytes * 10 + line.charAt(i) - '0';
                    }
                    Flow flow = flows.get(key);
                    if (flow == null || (flow.receiver == null && receiver != null) || (flow.sender == null && sender != null)) {
                        Flow next = new Flow(receiver, sender);
                        next.bytes = flow == null ? 0 : flow.bytes;
                        flow = next;
                        flows.put(key, flow);
                    }
                    flow.bytes = Math.max(flow.bytes, bytes);
                    key = null;
                }
            }
        }
        ss.waitFor(10, TimeUnit.SECONDS);
        Map<String, Long> sent = new HashMap<>();
        Map<String, Long> received = new HashMap<>();
        for (Flow f : flows.values()) {
            if (f.sender != null) {
                sent.merge(f.sender, f.bytes, Long::sum);
            }
            if (f.receiver != null) {
                received.merge(f.receiver, f.bytes, Long::sum);
            }
        }
        times.add(System.nanoTime());
        sentSeries.add(sent);
        receivedSeries.add(received);
        samples++;
        sampleMillis += (System.nanoTime() - t0) / 1e6;
    }

    /** "[::ffff:127.0.1.5]:49152" or "127.0.1.5:49152" to "127.0.1.5:49152"; null for anything else. */
    private static String address(String token) {
        String t = token.replace("[::ffff:", "").replace("]", "");
        int colon = t.lastIndexOf(':');
        return colon > 6 && t.indexOf(':') == colon && t.startsWith("127.") ? t : null;
    }

    /**
     * Bytes received by agents: {same rack, other racks, from the seeder, unattributed (an end's owner
     * unknown)}.
     */
    synchronized long[] totals() {
        long[] t = new long[4];
        for (Flow f : flows.values()) {
            int to = rackOf(f.receiver);
            int from = rackOf(f.sender);
            if (to == 0) {
                continue; // the seeder receives only protocol messages
            }
            if (to < 0 || from < 0) {
                t[3] += f.bytes;
            } else if (from == 0) {
                t[2] += f.bytes;
            } else if (from == to) {
                t[0] += f.bytes;
            } else {
                t[1] += f.bytes;
            }
        }
        return t;
    }

    synchronized long sentBy(String ip) {
        return flows.values().stream().filter(f -> ip.equals(f.sender)).mapToLong(f -> f.bytes).sum();
    }

    /**
     * The highest rate, in bytes/s over any window of at least {@code windowSeconds} between samples,
     * that one address sent ({@code sent}) or received; per address, sorted ascending.
     */
    synchronized double[] peakRates(List<String> addresses, boolean sent, double windowSeconds) {
        List<Map<String, Long>> series = sent ? sentSeries : receivedSeries;
        double[] peaks = new double[addresses.size()];
        for (int h = 0; h < addresses.size(); h++) {
            String ip = addresses.get(h);
            int j = 0;
            for (int i = 0; i < times.size(); i++) {
                while (j < times.size() && (times.get(j) - times.get(i)) / 1e9 < windowSeconds) {
                    j++;
                }
                if (j >= times.size()) {
                    break;
                }
                double rate = (series.get(j).getOrDefault(ip, 0L) - series.get(i).getOrDefault(ip, 0L))
                        / ((times.get(j) - times.get(i)) / 1e9);
                peaks[h] = Math.max(peaks[h], rate);
            }
        }
        Arrays.sort(peaks);
        return peaks;
    }

    synchronized int sockets() {
        return flows.size();
    }

    synchronized String samplingCost() {
        return String.format(Locale.ROOT, "%d samples, %.0f ms each", samples, samples == 0 ? 0 : sampleMillis / samples);
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join(10_000);
    }
}
