package io.pushtrain.distribution.tracker;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.pushtrain.distribution.RackAffinity;

import com.turn.ttorrent.common.Peer;
import com.turn.ttorrent.common.protocol.TrackerMessage.AnnounceRequestMessage.RequestEvent;
import com.turn.ttorrent.tracker.TrackedPeer;
import com.turn.ttorrent.tracker.TrackedTorrent;

/**
 * A tracked torrent whose announce answers carry same-rack peers first ({@link RackAffinity#DEFAULT}).
 * A peer's rack is looked up once per announce of that peer, not for every answer it appears in:
 * with thousands of peers the lookup, not the answer, would be the tracker's cost.
 */
class RackAwareTorrent extends TrackedTorrent {

    private final Function<String, String> rackOfIp;
    private final int answerPeers;
    private final Random random = new Random();
    private final Map<String, String> rackOfPeer = new ConcurrentHashMap<>();

    RackAwareTorrent(byte[] torrent, Function<String, String> rackOfIp, int answerPeers)
            throws IOException, NoSuchAlgorithmException {
        super(torrent);
        this.rackOfIp = rackOfIp;
        this.answerPeers = answerPeers;
    }

    @Override
    public TrackedPeer update(RequestEvent event, ByteBuffer peerId, String hexPeerId, String ip, int port,
            long uploaded, long downloaded, long left) throws UnsupportedEncodingException {
        TrackedPeer peer = super.update(event, peerId, hexPeerId, ip, port, uploaded, downloaded, left);
        if (event == RequestEvent.STOPPED) {
            rackOfPeer.remove(hexPeerId);
        }
        else {
            String rack = rackOfIp.apply(ip);
            rackOfPeer.put(hexPeerId, rack == null ? NO_RACK : rack);
        }
        return peer;
    }

    @Override
    public void collectUnfreshPeers() {
        super.collectUnfreshPeers();
        rackOfPeer.keySet().retainAll(getPeers().keySet());
    }

    @Override
    public List<Peer> getSomePeers(TrackedPeer peer) {
        return somePeers(peer, answerPeers);
    }

    /**
     * Up to {@code want} fresh peers other than {@code peer}, its own rack first. Stale peers are
     * skipped, not removed: the tracker's collector removes them, and removing here would race
     * with a peer announcing again at this moment.
     */
    List<Peer> somePeers(TrackedPeer peer, int want) {
        List<TrackedPeer> candidates = new ArrayList<>();
        for (TrackedPeer candidate : getPeers().values()) {
            if (!candidate.isFresh()) {
                continue;
            }
            if (peer != null && (candidate.looksLike(peer) || candidate.getHexPeerId().equals(peer.getHexPeerId()))) {
                continue;
            }
            candidates.add(candidate);
        }
        String rack = peer == null ? null : rackOf(peer);
        List<TrackedPeer> chosen;
        synchronized (random) {
            chosen = RackAffinity.DEFAULT.choose(rack, candidates, this::rackOf, Math.min(want, answerPeers), random);
        }
        return List.copyOf(chosen);
    }

    private static final String NO_RACK = "";

    private String rackOf(TrackedPeer peer) {
        String rack = rackOfPeer.computeIfAbsent(peer.getHexPeerId(), id -> {
            String looked = rackOfIp.apply(peer.getIp());
            return looked == null ? NO_RACK : looked;
        });
        return rack.equals(NO_RACK) ? null : rack;
    }
}
