package io.pushtrain.benchmarks.distribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes received by the agents over TCP, split by where they came from, read from the kernel: every
 * {@code period} it runs {@code ss -tinHe state established} (iproute2; the kernel's tcp_info of every
 * socket, no privileges needed for one's own) and keeps, per socket (inode and both addresses), the
 * largest {@code bytes_received}. Only sockets whose local address is an agent's (127.0.r.n, r a rack)
 * count, so each byte is counted once, by the host that received it. The remote address says whether it
 * came from the same rack, another rack, or the seeder (outside every rack). What arrives on a socket
 * after its last sample and before it closes is missed; {@link #coverage} against the agents' own
 * counters says how much that was.
 */
final class FleetRackBytes implements AutoCloseable {

    private static final Pattern ADDRESSES = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+)\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+)");
    private static final Pattern INODE = Pattern.compile("ino:(\\d+)");
    private static final Pattern RECEIVED = Pattern.compile("bytes_received:(\\d+)");

    private final int racks;
    private final String seeder;
    private final Map<String, long[]> sockets = new HashMap<>(); // key -> {localRack, remoteRack (0 seeder), bytes}
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
                } catch (IOException e) {
                    System.err.println("ss: " + e);
                }
            }
        }, "rack-bytes");
        thread.setDaemon(true);
        thread.start();
    }

    /** 127.0.r.n with 1 <= r <= racks: r; the seeder: 0; anything else: -1. */
    private int rackOf(String ip) {
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
            long[] entry = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher a = ADDRESSES.matcher(line);
                if (a.find()) {
                    int local = rackOf(a.group(1));
                    int remote = rackOf(a.group(3));
                    key = null;
                    if (local >= 1 && remote >= 0) {
                        Matcher ino = INODE.matcher(line);
                        key = a.group(1) + ":" + a.group(2) + ">" + a.group(3) + ":" + a.group(4) + "#"
                                + (ino.find() ? ino.group(1) : "");
                        entry = new long[] {local, remote, 0};
                    }
                }
                Matcher r = RECEIVED.matcher(line);
                if (key != null && r.find()) {
                    long bytes = Long.parseLong(r.group(1));
                    long[] known = sockets.computeIfAbsent(key, k -> null);
                    if (known == null) {
                        entry[2] = bytes;
                        sockets.put(key, entry);
                    } else if (bytes > known[2]) {
                        known[2] = bytes;
                    }
                    key = null;
                }
            }
        }
        ss.waitFor(10, TimeUnit.SECONDS);
        samples++;
        sampleMillis += (System.nanoTime() - t0) / 1e6;
    }

    /** {same rack, other racks, from the seeder} in bytes, as last sampled. */
    synchronized long[] totals() {
        long[] t = new long[3];
        for (long[] s : sockets.values()) {
            if (s[1] == 0) {
                t[2] += s[2];
            } else if (s[1] == s[0]) {
                t[0] += s[2];
            } else {
                t[1] += s[2];
            }
        }
        return t;
    }

    synchronized int sockets() {
        return sockets.size();
    }

    synchronized String samplingCost() {
        return String.format(java.util.Locale.ROOT, "%d ss samples, %.0f ms each on average", samples,
                samples == 0 ? 0 : sampleMillis / samples);
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join(10_000);
    }
}
