package io.pushtrain.distribution.tracker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

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
 * HTTP announce service of our own (ttorrent's {@code TrackerService} answers an empty 200 to a
 * malformed announce; this one answers every refusal with a bencoded {@code failure reason}).
 *
 * <p>What it trusts (issue 16):
 * <ul>
 * <li>Requests are read by a selector thread per core, up to two ({@link TrackerConnections}), each within a
 *     whole-request deadline ({@code pushtrain.tracker.request-deadline}), and answered there unless
 *     a host key must be looked up (then by a worker); slow clients never hold a thread. HTTP/1.1
 *     connections are kept alive for the next announce; answers are compact (BEP 23) unless the
 *     client asks {@code compact=0}.</li>
 * <li>Only registered hosts are handed out as peers: a host announces to
 *     {@code /announce/<its tracker key>}, the URL in the torrent the server hands that host; the
 *     server's own seeder has a key of its own, and the other nodes' seeders theirs (read from the
 *     swarm table by {@link TrackerSwarm}, with the address each seeds on). Any other announce is refused.</li>
 * <li>An announce's {@code ip} is ignored: the peer is the connection's address, unless the
 *     connection comes from a trusted proxy ({@code pushtrain.tracker.trusted-proxies}), whose
 *     {@code X-Forwarded-For} (else {@code ip}) names the peer.</li>
 * <li>A host key stands for one peer per torrent: announcing with a new peer id replaces the old one.</li>
 * </ul>
 * With several nodes, answers also carry the other nodes' trackers' peers, which {@link TrackerSwarm}
 * hands over on its beat: an announce reads only memory.
 * The port is bound when the bean is created, so {@link #port()} is known (also for port 0) before
 * the context starts.
 */
public class EmbeddedTracker implements SmartLifecycle {

    /** Starts before the seeder, which announces to it, and stops after it. */
    public static final int PHASE = 0;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedTracker.class);
    private static final int MIN_INTERVAL_SECONDS = 5;
    private static final int WORKERS = 8;
    private static final int SELECTORS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    private static final int QUEUE = 1024;
    private static final Pattern KEY = Pattern.compile("[0-9A-Za-z_-]{16,80}");
    private static final long KEY_CACHE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final DistributionProperties properties;
    private final PeerRacks racks;
    private final Function<String, Optional<String>> hostOfKey;
    private final List<PeerRacks.Block> trustedProxies;
    private final String seederKey;
    private final ServerSocketChannel server;
    private final ConcurrentMap<String, RackAwareTorrent> torrents = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CachedHost> keys = new ConcurrentHashMap<>();
    /** The seeder keys of the other nodes' seeders and the address each seeds on, as of the last beat. */
    private volatile Map<String, String> otherSeeders = Map.of();
    private ThreadPoolExecutor workers;
    private ScheduledExecutorService collector;
    private List<TrackerConnections> connections = List.of();
    private volatile boolean running;

    /**
     * The server's tracker: it hands out only the hosts that {@code hostOfKey} knows (tracker key to
     * host name) and the server's seeder.
     */
    public EmbeddedTracker(DistributionProperties properties, PeerRacks racks, Function<String, Optional<String>> hostOfKey) {
        this.properties = properties;
        this.racks = racks;
        this.hostOfKey = hostOfKey;
        this.trustedProxies = properties.tracker().trustedProxies().stream()
                .map(proxy -> PeerRacks.Block.parse("trusted-proxies", proxy)).toList();
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        this.seederKey = "seed-" + HexFormat.of().formatHex(secret);
        try {
            this.server = ServerSocketChannel.open();
            this.server.socket().setReuseAddress(true);
            this.server.bind(new InetSocketAddress(properties.tracker().bind(), properties.tracker().port()), 256);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The tracker cannot listen on " + properties.tracker().bind() + ":"
                    + properties.tracker().port() + " (pushtrain.tracker.port): " + ex.getMessage(), ex);
        }
    }

    /**
     * An open tracker, as before host keys: every announce is taken and its {@code ip} believed.
     * For benchmarks that measure the tracker alone; the server never wires this one.
     */
    public EmbeddedTracker(DistributionProperties properties, PeerRacks racks) {
        this(properties, racks, null);
    }

    /** The port the tracker listens on. */
    public int port() {
        return server.socket().getLocalPort();
    }

    /** The tracker without a key: {@code http://<pushtrain.tracker.host>:<port>/announce}; it refuses announces there. */
    public URI announceUrl() {
        return URI.create("http://" + properties.tracker().host() + ":" + port() + "/announce");
    }

    /** What the torrents handed to one host announce to: {@code .../announce/<the host's tracker key>}. */
    public URI announceUrl(String trackerKey) {
        if (trackerKey == null || !KEY.matcher(trackerKey).matches()) {
            throw new IllegalArgumentException("not a tracker key");
        }
        return URI.create(announceUrl() + "/" + trackerKey);
    }

    /** What the server's own seeder announces to. */
    public URI seederAnnounceUrl() {
        return announceUrl(seederKey);
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

    /** What this tracker's seeder announces with; the other nodes' trackers learn it from the swarm table. */
    String seederKey() {
        return seederKey;
    }

    /** Every fresh peer of every tracked torrent, to share with the other nodes' trackers. */
    List<SwarmPeer> freshPeers() {
        List<SwarmPeer> fresh = new ArrayList<>();
        torrents.forEach((hash, torrent) -> fresh.addAll(torrent.freshPeers(hash)));
        return fresh;
    }

    /**
     * What the other nodes' trackers shared at the last beat: their peers by info hash (a torrent
     * missing from the map has none there now) and their seeders' keys with the address each seeds on.
     */
    void fromOtherTrackers(Map<String, List<SwarmPeer>> peersByInfoHash, Map<String, String> seeders) {
        torrents.forEach((hash, torrent) -> torrent.fromOtherTrackers(peersByInfoHash.getOrDefault(hash, List.of())));
        otherSeeders = Map.copyOf(seeders);
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
        List<TrackerConnections> selectors = new ArrayList<>();
        try {
            // One selector per core, up to two: each accepts from the same port and answers on its own thread.
            for (int i = 0; i < SELECTORS; i++) {
                selectors.add(new TrackerConnections(server, properties.tracker().requestDeadline(), workers, this::serve,
                        this::answersAtOnce));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The tracker cannot read requests: " + ex.getMessage(), ex);
        }
        connections = List.copyOf(selectors);
        running = true;
        for (int i = 0; i < connections.size(); i++) {
            Thread reader = new Thread(connections.get(i), "tracker-io-" + (i + 1));
            reader.setDaemon(true);
            reader.start();
        }
        log.info("Tracker listens on {}:{}, torrents announce to {}/<host key>", properties.tracker().bind(), port(),
                announceUrl());
    }

    @Override
    public synchronized void stop() {
        running = false;
        connections.forEach(TrackerConnections::stop);
        connections = List.of();
        if (collector != null) {
            collector.shutdownNow();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /**
     * Gives the port up; {@link #stop()} keeps it, so that a stopped tracker (a paused test
     * context) starts again on the same port.
     */
    public void close() {
        stop();
        try {
            server.close();
        }
        catch (IOException ex) {
            log.debug("Closing the tracker socket: {}", ex.toString());
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

    /**
     * On a selector thread, or a worker when a host key must be looked up: a complete request head,
     * answered. HTTP/1.1 keeps the connection for the next
     * announce unless the client asks {@code Connection: close}; a request that is not HTTP closes it.
     */
    private TrackerConnections.Answer serve(TrackerConnections.Request request) {
        int status = 200;
        byte[] answer;
        String[] lines = lines(request.head());
        boolean keepAlive = request.mayKeepAlive() && keepAlive(lines);
        try {
            answer = answer(request, lines);
        }
        catch (Announce.Refused refused) {
            status = refused.status();
            answer = failure(refused.getMessage());
        }
        catch (RuntimeException ex) {
            log.warn("Announce from {} failed: {}", request.remote(), ex.toString());
            status = 500;
            answer = failure("The tracker could not answer: " + ex.getClass().getSimpleName());
        }
        return new TrackerConnections.Answer(response(status, answer, keepAlive), keepAlive);
    }

    /**
     * Whether an answer needs no lookup that could wait: an open tracker, no key or a seeder's key
     * (refused or known at once), or a host key looked up within the cache's 10 s.
     */
    private boolean answersAtOnce(byte[] head) {
        if (hostOfKey == null) {
            return true;
        }
        String start = new String(head, 0, Math.min(head.length, 200), StandardCharsets.ISO_8859_1);
        int from = start.indexOf("/announce/");
        if (from < 0) {
            return true;
        }
        int end = from + "/announce/".length();
        while (end < start.length() && start.charAt(end) != '?' && start.charAt(end) != ' ') {
            end++;
        }
        String key = start.substring(from + "/announce/".length(), end);
        if (key.equals(seederKey) || otherSeeders.containsKey(key)) {
            return true;
        }
        CachedHost cached = keys.get(key);
        return cached != null && System.nanoTime() - cached.until() < 0;
    }

    /** The head's lines without their CR LF (or LF), at least one. */
    private static String[] lines(byte[] head) {
        List<String> lines = new ArrayList<>(8);
        int start = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] == '\n') {
                int end = i > start && head[i - 1] == '\r' ? i - 1 : i;
                if (end > start || lines.isEmpty()) {
                    lines.add(new String(head, start, end - start, StandardCharsets.ISO_8859_1));
                }
                start = i + 1;
            }
        }
        if (start < head.length || lines.isEmpty()) {
            lines.add(new String(head, start, head.length - start, StandardCharsets.ISO_8859_1));
        }
        return lines.toArray(new String[0]);
    }

    /** HTTP/1.1 without {@code Connection: close}, or HTTP/1.0 with {@code Connection: keep-alive}. */
    private static boolean keepAlive(String[] lines) {
        String first = lines[0];
        boolean http11 = first.endsWith(" HTTP/1.1");
        if (!http11 && !first.endsWith(" HTTP/1.0")) {
            return false;
        }
        String connection = header(lines, "Connection");
        if (connection == null) {
            return http11;
        }
        String value = connection.toLowerCase(Locale.ROOT);
        return http11 ? !value.contains("close") : value.contains("keep-alive");
    }

    private byte[] answer(TrackerConnections.Request request, String[] lines) {
        String[] parts = lines[0].split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new Announce.Refused("Not an HTTP request");
        }
        if (!parts[0].equals("GET")) {
            throw new Announce.Refused(405, "Announce with GET");
        }
        String target = parts[1];
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String key;
        if (path.equals("/announce")) {
            key = null;
        }
        else if (path.startsWith("/announce/") && KEY.matcher(path.substring("/announce/".length())).matches()) {
            key = path.substring("/announce/".length());
        }
        else {
            throw new Announce.Refused(404, "This tracker answers only /announce/<host key>");
        }
        Announce announce = Announce.parse(question < 0 ? null : target.substring(question + 1));
        RackAwareTorrent torrent = torrents.get(announce.hexInfoHash());
        if (torrent == null) {
            throw new Announce.Refused("The requested torrent does not exist on this tracker");
        }
        String peer = hostOf(key);
        String otherSeed = key == null ? null : otherSeeders.get(key);
        String ip = key != null && key.equals(seederKey) ? properties.seedAddress().getHostAddress()
                : otherSeed != null ? otherSeed
                : peerAddress(request.remote(), header(lines, "X-Forwarded-For"), announce.announcedIp());
        try {
            return answer(torrent, announce, peer, ip);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Who announces: the host (or the seeder) of the key; refused without a key the server handed out. */
    private String hostOf(String key) {
        if (hostOfKey == null) {
            return null; // open tracker (benchmarks)
        }
        if (key == null) {
            throw new Announce.Refused(403, "This tracker hands out registered hosts only: announce with the torrent"
                    + " the server hands your host (GET /api/artifacts/<id>/torrent with the host's token)");
        }
        if (key.equals(seederKey)) {
            return "the server's seeder";
        }
        if (otherSeeders.containsKey(key)) {
            // Another node's seeder whose own tracker did not answer.
            return "the seeder of " + otherSeeders.get(key);
        }
        long now = System.nanoTime();
        CachedHost cached = keys.get(key);
        if (cached == null || now - cached.until() > 0) {
            if (keys.size() > 100_000) {
                keys.clear();
            }
            cached = new CachedHost(hostOfKey.apply(key).orElse(null), now + KEY_CACHE_NANOS);
            keys.put(key, cached);
        }
        if (cached.host() == null) {
            throw new Announce.Refused(403, "This host key is unknown or its host is retired: fetch the torrent again"
                    + " with the host's token");
        }
        return cached.host();
    }

    /** The connection's address; from a trusted proxy (or an open tracker) the address it forwards. */
    private String peerAddress(InetAddress remote, String forwardedFor, String announcedIp) {
        String source = remote.getHostAddress();
        if (hostOfKey != null && !trusted(remote)) {
            return source;
        }
        if (forwardedFor != null) {
            String[] hops = forwardedFor.split(",");
            String last = Announce.ipv4(hops[hops.length - 1]);
            if (last != null) {
                return last;
            }
        }
        return announcedIp != null ? announcedIp : source;
    }

    private boolean trusted(InetAddress remote) {
        byte[] address = remote.getAddress();
        return trustedProxies.stream().anyMatch(block -> block.contains(address));
    }

    private static String header(String[] lines, String name) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase(name)) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return null;
    }

    private byte[] answer(RackAwareTorrent torrent, Announce announce, String host, String ip) throws IOException {
        RequestEvent event = announce.event();
        boolean known = torrent.getPeer(announce.hexPeerId()) != null;
        if (!known && event == RequestEvent.STOPPED) {
            return peersAnswer(torrent, List.of(), announce.compact());
        }
        if (!known) {
            // A peer the tracker has not seen (it restarted, or this is the first announce) starts now.
            event = RequestEvent.STARTED;
        }
        if (host != null && event != RequestEvent.STOPPED) {
            // One peer per host: a host key cannot fill the swarm with peer ids of its own making.
            torrent.onePeerOf(host, announce.hexPeerId());
        }
        TrackedPeer peer = torrent.update(event, ByteBuffer.wrap(announce.peerId()), announce.hexPeerId(),
                ip, announce.port(), announce.uploaded(), announce.downloaded(), announce.left());
        List<Peer> peers = event == RequestEvent.STOPPED ? List.of() : torrent.somePeers(peer, announce.numWant());
        return peersAnswer(torrent, peers, announce.compact());
    }

    private static byte[] peersAnswer(RackAwareTorrent torrent, List<Peer> peers, boolean compact) throws IOException {
        int complete = torrent.seeders() + torrent.otherSeeders();
        int incomplete = torrent.leechers() + torrent.otherLeechers();
        if (compact) {
            return compactAnswer(torrent.getAnnounceInterval(), complete, incomplete, peers);
        }
        Map<String, BEValue> answer = new LinkedHashMap<>();
        answer.put("interval", new BEValue(torrent.getAnnounceInterval()));
        answer.put("min interval", new BEValue(MIN_INTERVAL_SECONDS));
        answer.put("complete", new BEValue(complete));
        answer.put("incomplete", new BEValue(incomplete));
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
        return bytes(BEncoder.bencode(answer));
    }

    /**
     * The compact answer (BEP 23), bencoded by hand into one array: six bytes per IPv4 peer
     * (address, then port, both in network order), the keys in bencode's sorted order.
     */
    static byte[] compactAnswer(int interval, int complete, int incomplete, List<Peer> peers) {
        byte[] packed = new byte[peers.size() * 6];
        int length = 0;
        for (Peer peer : peers) {
            byte[] ip = peer.getRawIp();
            if (ip != null && ip.length == 4) {
                System.arraycopy(ip, 0, packed, length, 4);
                packed[length + 4] = (byte) (peer.getPort() >> 8);
                packed[length + 5] = (byte) peer.getPort();
                length += 6;
            }
        }
        byte[] head = ("d8:completei" + complete + "e10:incompletei" + incomplete + "e8:intervali" + interval
                + "e12:min intervali" + MIN_INTERVAL_SECONDS + "e5:peers" + length + ":").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + length + 1];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(packed, 0, all, head.length, length);
        all[all.length - 1] = 'e';
        return all;
    }

    static byte[] failure(String reason) {
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

    /** A whole HTTP answer: status line, headers and the bencoded body. */
    static byte[] response(int status, byte[] body, boolean keepAlive) {
        String reason = switch (status) {
            case 200 -> "OK";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
        byte[] head = ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nServer: pushtrain-tracker\r\nConnection: " + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private record CachedHost(String host, long until) {
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
