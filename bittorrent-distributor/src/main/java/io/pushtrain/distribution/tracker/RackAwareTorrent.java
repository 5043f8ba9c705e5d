package io.pushtrain.distribution.tracker;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import io.pushtrain.distribution.RackAffinity;

import com.turn.ttorrent.common.Peer;
import com.turn.ttorrent.tracker.TrackedPeer;
import com.turn.ttorrent.tracker.TrackedTorrent;

/** A tracked torrent whose announce answers carry same-rack peers first ({@link RackAffinity#DEFAULT}). */
class RackAwareTorrent extends TrackedTorrent {

    private final Function<String, String> rackOfIp;
    private final int answerPeers;
    private final Random random = new Random();

    RackAwareTorrent(byte[] torrent, Function<String, String> rackOfIp, int answerPeers)
            throws IOException, NoSuchAlgorithmException {
        super(torrent);
        this.rackOfIp = rackOfIp;
        this.answerPeers = answerPeers;
    }

    @Override
    public List<Peer> getSomePeers(TrackedPeer peer) {
        return somePeers(peer, answerPeers);
    }

    /** Up to {@code want} fresh peers other than {@code peer}, its own rack first; stale peers are dropped. */
    List<Peer> somePeers(TrackedPeer peer, int want) {
        List<TrackedPeer> candidates = new ArrayList<>();
        for (TrackedPeer candidate : getPeers().values()) {
            if (!candidate.isFresh()) {
                removePeer(candidate.getHexPeerId());
                continue;
            }
            if (peer != null && (candidate.looksLike(peer) || candidate.getHexPeerId().equals(peer.getHexPeerId()))) {
                continue;
            }
            candidates.add(candidate);
        }
        String rack = peer == null ? null : rackOfIp.apply(peer.getIp());
        List<TrackedPeer> chosen;
        synchronized (random) {
            chosen = RackAffinity.DEFAULT.choose(rack, candidates, p -> rackOfIp.apply(p.getIp()), Math.min(want, answerPeers), random);
        }
        return List.copyOf(chosen);
    }
}
