package io.pushtrain.distribution.tracker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
 * escape is broken, because the exception escapes its handler; this one answers every bad request
 * with a bencoded {@code failure reason} and keeps serving. The port is bound when the bean is
 * created, so {@link #port()} is known (also for port 0) before the context starts.
 */
public class EmbeddedTracker implements SmartLifecycle {

    /** Starts before the seeder, which announces to it, and stops after it. */
    public static final int PHASE = 0;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedTracker.class);
    private static final int MIN_INTERVAL_SECONDS = 5;

    private final DistributionProperties properties;
    private final PeerRacks racks;
    private final HttpServer server;
    private final ConcurrentMap<String, RackAwareTorrent> torrents = new ConcurrentHashMap<>();
    private ExecutorService workers;
    private ScheduledExecutorService collector;
    private volatile boolean running;

    public EmbeddedTracker(DistributionProperties properties, PeerRacks racks) {
        this.properties = properties;
        this.racks = racks;
        try {
            this.server = HttpServer.create(
                    new InetSocketAddress(properties.tracker().bind(), properties.tracker().port()), 256);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The tracker cannot listen on " + properties.tracker().bind() + ":"
                    + properties.tracker().port() + " (pushtrain.tracker.port): " + ex.getMessage(), ex);
        }
        server.createContext("/", this::serve);
    }

    /** The port the tracker listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** What torrents announce to: {@code http://<pushtrain.tracker.host>:<port>/announce}. */
    public URI announceUrl() {
        return URI.create("http://" + properties.tracker().host() + ":" + port() + "/announce");
    }

    /** Starts tracking a torrent (again: a torrent already tracked keeps its peers). */
    public void track(byte[] torrent) {
        try {
            RackAwareTorrent tracked = new RackAwareTorrent(torrent, racks::rackOf, properties.tracker().answerPeers());
            torrents.putIfAbsent(tracked.getHexInfoHash(), tracked);
        }
        catch (IOException | java.security.NoSuchAlgorithmException ex) {
            throw new IllegalArgumentException("not a torrent: " + ex.getMessage(), ex);
        }
    }

    /** Whether the tracker knows the torrent with this hex info hash. */
    public boolean tracks(String hexInfoHash) {
        return torrents.containsKey(hexInfoHash.toUpperCase(java.util.Locale.ROOT));
    }

    /** The peers the tracker knows of a torrent now, as ip:port. */
    public List<String> peers(String hexInfoHash) {
        TrackedTorrent torrent = torrents.get(hexInfoHash.toUpperCase(java.util.Locale.ROOT));
        return torrent == null ? List.of()
                : torrent.getPeers().values().stream().map(Peer::getHostIdentifier).sorted().toList();
    }

    @Override
    public void start() {
        workers = Executors.newFixedThreadPool(4, daemon("tracker-"));
        collector = Executors.newSingleThreadScheduledExecutor(daemon("tracker-collector-"));
        collector.scheduleWithFixedDelay(this::collect, 15, 15, TimeUnit.SECONDS);
        server.setExecutor(workers);
        server.start();
        running = true;
        log.info("Tracker listens on {}:{}, torrents announce to {}", properties.tracker().bind(), port(), announceUrl());
    }

    @Override
    public void stop() {
        running = false;
        server.stop(0);
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

    private void serve(HttpExchange exchange) {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
            if (!"/announce".equals(exchange.getRequestURI().getRawPath())) {
                respond(exchange, 404, failure("This tracker answers only /announce"));
                return;
            }
            byte[] answer;
            int status = 200;
            try {
                answer = answer(Announce.parse(exchange.getRequestURI().getRawQuery(),
                        exchange.getRemoteAddress().getAddress().getHostAddress()));
            }
            catch (Announce.Refused refused) {
                status = 400;
                answer = failure(refused.getMessage());
            }
            catch (RuntimeException | IOException ex) {
                log.warn("Announce from {} failed: {}", exchange.getRemoteAddress(), ex.toString());
                status = 500;
                answer = failure("The tracker could not answer: " + ex.getClass().getSimpleName());
            }
            respond(exchange, status, answer);
        }
        catch (IOException | RuntimeException ex) {
            // The client went away while we answered; nothing to tell it.
            log.debug("Answer to {} not sent: {}", exchange.getRemoteAddress(), ex.toString());
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

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.getResponseHeaders().set("Server", "pushtrain-tracker");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
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
