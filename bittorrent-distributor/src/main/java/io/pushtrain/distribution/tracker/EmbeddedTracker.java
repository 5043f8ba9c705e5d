package io.pushtrain.distribution.tracker;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.turn.ttorrent.bcodec.BEValue;
import com.turn.ttorrent.bcodec.BEncoder;
import com.turn.ttorrent.common.Peer;
import com.turn.ttorrent.common.protocol.TrackerMessage.AnnounceRequestMessage.RequestEvent;
import com.turn.ttorrent.tracker.TrackedPeer;
import com.turn.ttorrent.tracker.TrackedTorrent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pushtrain.distribution.DistributionProperties;

import org.springframework.context.SmartLifecycle;

/**
 * The BitTorrent tracker inside the server: ttorrent's tracked torrents and peers behind a small
 * HTTP announce service of our own. ttorrent's {@code TrackerService} answers an empty 200 (no
 * {@code failure reason}) when a parameter has no value, the port is not a number or a percent
 * escape is broken, because the exception escapes its handler; the JDK's HTTP server answers an
 * HTML page to a request line it cannot parse. This one reads one request per connection with a
 * bounded line length and a read timeout, answers every bad request with a bencoded
 * {@code failure reason} and keeps serving. The port is bound when the bean is
 * created, so {@link #port()} is known (also for port 0) before the context starts.
 */
public class EmbeddedTracker implements SmartLifecycle {

    /** Starts before the seeder, which announces to it, and stops after it. */
    public static final int PHASE = 0;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedTracker.class);
    private static final int MIN_INTERVAL_SECONDS = 5;
    private static final int WORKERS = 8;
    private static final int QUEUE = 1024;
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final int MAX_LINE = 8192;

    private final DistributionProperties properties;
    private final PeerRacks racks;
    private final ServerSocket server;
    private final ConcurrentMap<String, RackAwareTorrent> torrents = new ConcurrentHashMap<>();
    private ThreadPoolExecutor workers;
    private ScheduledExecutorService collector;
    private volatile boolean running;

    public EmbeddedTracker(DistributionProperties properties, PeerRacks racks) {
        this.properties = properties;
        this.racks = racks;
        try {
            this.server = new ServerSocket();
            this.server.setReuseAddress(true);
            this.server.bind(new InetSocketAddress(properties.tracker().bind(), properties.tracker().port()), 256);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The tracker cannot listen on " + properties.tracker().bind() + ":"
                    + properties.tracker().port() + " (pushtrain.tracker.port): " + ex.getMessage(), ex);
        }
    }

    /** The port the tracker listens on. */
    public int port() {
        return server.getLocalPort();
    }

    /** What torrents announce to: {@code http://<pushtrain.tracker.host>:<port>/announce}. */
    public URI announceUrl() {
        return URI.create("http://" + properties.tracker().host() + ":" + port() + "/announce");
    }

    /** Starts tracking a torrent (again: a torrent already tracked keeps its peers). */
    public void track(byte[] torrent) {
        try {
            RackAwareTorrent tracked = new RackAwareTorrent(torrent, racks::rackOf, properties.tracker().answerPeers());
            torrents.putIfAbsent(hex(tracked.getInfoHash()), tracked);
        }
        catch (IOException | java.security.NoSuchAlgorithmException ex) {
            throw new IllegalArgumentException("not a torrent: " + ex.getMessage(), ex);
        }
    }

    /** Whether the tracker knows the torrent with this hex info hash. */
    public boolean tracks(String hexInfoHash) {
        return torrents.containsKey(hexInfoHash.toUpperCase(Locale.ROOT));
    }

    /** The peers the tracker knows of a torrent now, as ip:port. */
    public List<String> peers(String hexInfoHash) {
        TrackedTorrent torrent = torrents.get(hexInfoHash.toUpperCase(Locale.ROOT));
        return torrent == null ? List.of()
                : torrent.getPeers().values().stream().map(p -> p.getIp() + ":" + p.getPort()).sorted().toList();
    }

    /** Info hashes as the tracker names them: 40 upper-case hex digits (ttorrent's own drop leading zeros). */
    public static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                daemon("tracker-"), new ThreadPoolExecutor.AbortPolicy());
        collector = Executors.newSingleThreadScheduledExecutor(daemon("tracker-collector-"));
        collector.scheduleWithFixedDelay(this::collect, 15, 15, TimeUnit.SECONDS);
        running = true;
        Thread acceptor = new Thread(this::accept, "tracker-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("Tracker listens on {}:{}, torrents announce to {}", properties.tracker().bind(), port(), announceUrl());
    }

    @Override
    public synchronized void stop() {
        running = false;
        try {
            server.close();
        }
        catch (IOException ex) {
            log.debug("Closing the tracker socket: {}", ex.toString());
        }
        if (collector != null) {
            collector.shutdownNow();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void collect() {
        torrents.values().forEach(TrackedTorrent::collectUnfreshPeers);
    }

    private void accept() {
        while (running) {
            Socket socket;
            try {
                socket = server.accept();
            }
            catch (IOException ex) {
                if (running) {
                    log.warn("Tracker stops accepting: {}", ex.toString());
                }
                return;
            }
            try {
                workers.execute(() -> serve(socket));
            }
            catch (RejectedExecutionException busy) {
                closeQuietly(socket);
            }
        }
    }

    /** One request per connection: read the request line and headers (bounded), answer, close. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String requestLine = line(in);
            while (!line(in).isEmpty()) {
                // Headers say nothing an announce needs.
            }
            int status = 200;
            byte[] answer;
            try {
                answer = answer(requestLine, socket.getInetAddress().getHostAddress());
            }
            catch (Announce.Refused refused) {
                status = refused.status();
                answer = failure(refused.getMessage());
            }
            catch (RuntimeException ex) {
                log.warn("Announce from {} failed: {}", socket.getRemoteSocketAddress(), ex.toString());
                status = 500;
                answer = failure("The tracker could not answer: " + ex.getClass().getSimpleName());
            }
            respond(socket.getOutputStream(), status, answer);
        }
        catch (IOException | RuntimeException ex) {
            // Not HTTP, too long, too slow, or gone: nothing to tell the other side.
            log.debug("No answer to {}: {}", socket.getRemoteSocketAddress(), ex.toString());
        }
    }

    private byte[] answer(String requestLine, String sourceIp) {
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new Announce.Refused("Not an HTTP request");
        }
        if (!parts[0].equals("GET")) {
            throw new Announce.Refused(405, "Announce with GET");
        }
        String target = parts[1];
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        if (!path.equals("/announce")) {
            throw new Announce.Refused(404, "This tracker answers only /announce");
        }
        try {
            return answer(Announce.parse(question < 0 ? null : target.substring(question + 1), sourceIp));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** One line of ISO-8859-1 up to CRLF or LF; a line longer than a request needs is refused. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n';) {
            if (c < 0) {
                throw new EOFException("the connection closed inside the request");
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("request line longer than " + MAX_LINE);
            }
            line.append((char) c);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // Refused anyway.
        }
    }

    private byte[] answer(Announce announce) throws IOException {
        RackAwareTorrent torrent = torrents.get(announce.hexInfoHash());
        if (torrent == null) {
            throw new Announce.Refused("The requested torrent does not exist on this tracker");
        }
        RequestEvent event = announce.event();
        boolean known = torrent.getPeer(announce.hexPeerId()) != null;
        if (!known && event == RequestEvent.STOPPED) {
            return peersAnswer(torrent, List.of(), announce.compact());
        }
        if (!known) {
            // A peer the tracker has not seen (it restarted, or this is the first announce) starts now.
            event = RequestEvent.STARTED;
        }
        TrackedPeer peer = torrent.update(event, ByteBuffer.wrap(announce.peerId()), announce.hexPeerId(),
                announce.ip(), announce.port(), announce.uploaded(), announce.downloaded(), announce.left());
        List<Peer> peers = event == RequestEvent.STOPPED ? List.of() : torrent.somePeers(peer, announce.numWant());
        return peersAnswer(torrent, peers, announce.compact());
    }

    private static byte[] peersAnswer(RackAwareTorrent torrent, List<Peer> peers, boolean compact) throws IOException {
        Map<String, BEValue> answer = new LinkedHashMap<>();
        answer.put("interval", new BEValue(torrent.getAnnounceInterval()));
        answer.put("min interval", new BEValue(MIN_INTERVAL_SECONDS));
        answer.put("complete", new BEValue(torrent.seeders()));
        answer.put("incomplete", new BEValue(torrent.leechers()));
        if (compact) {
            ByteBuffer data = ByteBuffer.allocate(peers.size() * 6);
            for (Peer peer : peers) {
                byte[] ip = peer.getRawIp();
                if (ip != null && ip.length == 4) {
                    data.put(ip).putShort((short) peer.getPort());
                }
            }
            byte[] bytes = new byte[data.position()];
            data.flip().get(bytes);
            answer.put("peers", new BEValue(bytes));
        }
        else {
            List<BEValue> list = new ArrayList<>();
            for (Peer peer : peers) {
                Map<String, BEValue> entry = new LinkedHashMap<>();
                if (peer.hasPeerId()) {
                    ByteBuffer id = peer.getPeerId().duplicate();
                    byte[] bytes = new byte[id.remaining()];
                    id.get(bytes);
                    entry.put("peer id", new BEValue(bytes));
                }
                entry.put("ip", new BEValue(peer.getIp(), "UTF-8"));
                entry.put("port", new BEValue(peer.getPort()));
                list.add(new BEValue(entry));
            }
            answer.put("peers", new BEValue(list));
        }
        return bytes(BEncoder.bencode(answer));
    }

    private static byte[] failure(String reason) {
        try {
            return bytes(BEncoder.bencode(Map.of("failure reason", new BEValue(reason, "UTF-8"))));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static void respond(OutputStream out, int status, byte[] body) throws IOException {
        String head = "HTTP/1.1 " + status + " " + (status == 200 ? "OK" : status == 404 ? "Not Found" : status == 405
                ? "Method Not Allowed" : status >= 500 ? "Internal Server Error" : "Bad Request")
                + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nServer: pushtrain-tracker\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
