package io.pushtrain.benchmarks.distribution;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.turn.ttorrent.common.Peer;
import com.turn.ttorrent.common.protocol.TrackerMessage.AnnounceRequestMessage.RequestEvent;
import com.turn.ttorrent.tracker.TrackedPeer;
import com.turn.ttorrent.tracker.TrackedTorrent;

import io.pushtrain.distribution.RackAffinity;

/**
 * What pushtrain's tracker does to ttorrent's: a {@link TrackedTorrent} whose answers come from
 * {@link RackAffinity}, a peer's rack being its /24 (the first three octets of its address).
 * A stand-in for the real tracker in bittorrent-distributor while that is being written.
 */
final class RackTrackedTorrent extends TrackedTorrent {

    private final int answerPeers;
    private final ThreadLocal<SplittableRandom> random;

    RackTrackedTorrent(byte[] torrent, int answerPeers, long seed) throws IOException, NoSuchAlgorithmException {
        super(torrent);
        this.answerPeers = answerPeers;
        SplittableRandom root = new SplittableRandom(seed);
        this.random = ThreadLocal.withInitial(() -> {
            synchronized (root) {
                return root.split();
            }
        });
    }

    static String rackOf(Peer peer) {
        String ip = peer.getIp();
        int dot = ip.lastIndexOf('.');
        return dot < 0 ? null : ip.substring(0, dot);
    }

    @Override
    public List<Peer> getSomePeers(TrackedPeer asking) {
        List<TrackedPeer> candidates = new ArrayList<>(getPeers().size());
        for (TrackedPeer candidate : getPeers().values()) {
            // Stale peers are skipped, not removed here: ttorrent's own getSomePeers removes them, and
            // so loses peers that another thread has just added but not yet stamped (isFresh() is false
            // until update() runs); 20% of concurrently registering peers vanished that way. The
            // tracker's peer collector removes stale peers every 15 s anyway.
            if (candidate.isFresh() && !candidate.looksLike(asking)) {
                candidates.add(candidate);
            }
        }
        return new ArrayList<>(RackAffinity.DEFAULT.choose(rackOf(asking), candidates, RackTrackedTorrent::rackOf, answerPeers,
                random.get()));
    }

    /** A regular announce from a peer the tracker forgot (expired) registers it again instead of failing. */
    @Override
    public TrackedPeer update(RequestEvent event, ByteBuffer peerId, String hexPeerId, String ip, int port, long uploaded,
            long downloaded, long left) throws java.io.UnsupportedEncodingException {
        if (RequestEvent.NONE.equals(event) && getPeer(hexPeerId) == null) {
            event = RequestEvent.STARTED;
        }
        return super.update(event, peerId, hexPeerId, ip, port, uploaded, downloaded, left);
    }
}
