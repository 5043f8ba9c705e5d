package io.pushtrain.benchmarks.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpServer;

/**
 * The peer the issue compares against: one central HTTP server (the JDK's) serving the artifact to
 * every host, its writes paced by one token bucket shared by all connections at the seeder's cap u.
 * Each host is a client thread on its own address (127.0.r.n, as its agent), downloading at most u too,
 * writing the file to its own folder and checking its SHA-256, all H at once.
 */
final class FleetCentralServer {

    private static final int CHUNK = 16 * 1024;

    /** A pacer: reserves time on one shared line of {@code bytesPerSecond}; no burst. */
    static final class Pacer {
        private final double nanosPerByte;
        private long next = System.nanoTime();

        Pacer(double bytesPerSecond) {
            this.nanosPerByte = 1e9 / bytesPerSecond;
        }

        void take(int bytes) {
            long at;
            synchronized (this) {
                long now = System.nanoTime();
                at = Math.max(now, next);
                next = at + (long) (bytes * nanosPerByte);
            }
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    record Result(double[] seconds, int verified) {
    }

    private FleetCentralServer() {
    }

    static Result run(Path file, String sha256, List<InetAddress> clients, double bytesPerSecond, Path work)
            throws Exception {
        byte[] data = Files.readAllBytes(file);
        Pacer server = new Pacer(bytesPerSecond);
        ExecutorService handlers = Executors.newFixedThreadPool(clients.size() + 4, daemon("central-server"));
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), clients.size() + 16);
        http.createContext("/artifact", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, data.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int at = 0; at < data.length; at += CHUNK) {
                        int n = Math.min(CHUNK, data.length - at);
                        server.take(n);
                        out.write(data, at, n);
                    }
                }
            }
        });
        http.setExecutor(handlers);
        http.start();
        int port = http.getAddress().getPort();
        ExecutorService pool = Executors.newFixedThreadPool(clients.size(), daemon("central-client"));
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Double>> futures = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                InetAddress address = clients.get(i);
                Path target = Files.createDirectories(work.resolve("central").resolve("h" + i)).resolve(file.getFileName());
                futures.add(pool.submit(() -> {
                    go.await();
                    long t0 = System.nanoTime();
                    String got = download(address, port, target, bytesPerSecond);
                    double took = (System.nanoTime() - t0) / 1e9;
                    return got.equalsIgnoreCase(sha256) ? took : -took;
                }));
            }
            go.countDown();
            double[] seconds = new double[clients.size()];
            int verified = 0;
            for (int i = 0; i < seconds.length; i++) {
                double s = futures.get(i).get();
                verified += s > 0 ? 1 : 0;
                seconds[i] = Math.abs(s);
            }
            return new Result(seconds, verified);
        } finally {
            pool.shutdownNow();
            http.stop(0);
            handlers.shutdownNow();
        }
    }

    /** HTTP/1.0 GET from {@code address}, at most {@code bytesPerSecond}; returns the SHA-256 of the body. */
    private static String download(InetAddress address, int port, Path target, double bytesPerSecond) throws Exception {
        Pacer own = new Pacer(bytesPerSecond);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.getOutputStream().write("GET /artifact HTTP/1.0\r\nHost: central\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            // headers
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the server closed before its headers ended");
                }
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            byte[] buffer = new byte[CHUNK];
            try (OutputStream out = Files.newOutputStream(target)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    own.take(n);
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
