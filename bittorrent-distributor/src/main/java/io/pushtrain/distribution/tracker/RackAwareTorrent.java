package io.pushtrain.distribution.tracker;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.pushtrain.distribution.RackAffinity;

import com.turn.ttorrent.common.Peer;
import com.turn.ttorrent.common.protocol.TrackerMessage.AnnounceRequestMessage.RequestEvent;
import com.turn.ttorrent.tracker.TrackedPeer;
import com.turn.ttorrent.tracker.TrackedTorrent;

/**
 * A tracked torrent whose announce answers carry same-rack peers first ({@link RackAffinity#DEFAULT}).
 * Peers are indexed by rack when they announce, so an answer costs the asking host's rack and a
 * sample of the others, not a pass over the whole swarm: with ten thousand peers that pass, not
 * the answer, would be the tracker's cost.
 */
class RackAwareTorrent extends TrackedTorrent {

    /** The rack of peers nobody placed. */
    private static final String NO_RACK = "";

    private final Function<String, String> rackOfIp;
    private final int answerPeers;
    private final Random random = new Random();
    private final Map<String, String> rackOfPeer = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> peersOfRack = new ConcurrentHashMap<>();
    private final Map<String, String> peerOfHost = new ConcurrentHashMap<>();
    /** The other trackers' peers of this torrent as of the last beat, swapped whole: an answer only reads it. */
    private volatile OtherTrackers others = OtherTrackers.NONE;

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
            forget(hexPeerId);
        }
        else {
            String rack = rackOfIp.apply(ip);
            place(hexPeerId, rack == null ? NO_RACK : rack);
        }
        return peer;
    }

    /** {@code hexPeerId} is the host's one peer in this swarm: the peer it announced before leaves. */
    void onePeerOf(String host, String hexPeerId) {
        String before = peerOfHost.put(host, hexPeerId);
        if (before != null && !before.equals(hexPeerId)) {
            removePeer(before);
            forget(before);
        }
    }

    @Override
    public void collectUnfreshPeers() {
        super.collectUnfreshPeers();
        for (String id : List.copyOf(rackOfPeer.keySet())) {
            if (getPeer(id) == null) {
                forget(id);
            }
        }
    }

    @Override
    public List<Peer> getSomePeers(TrackedPeer peer) {
        return somePeers(peer, answerPeers);
    }

    /**
     * Up to {@code want} fresh peers other than {@code peer}: the policy chooses among every peer
     * of the host's rack and a uniform-enough sample of the other racks (as many as the answer could
     * take). Stale peers are skipped, not removed: the tracker's collector removes them.
     */
    List<Peer> somePeers(TrackedPeer peer, int want) {
        int answer = Math.min(want, answerPeers);
        String rack = peer == null ? null : rackOfPeer.get(peer.getHexPeerId());
        String own = rack == null || rack.equals(NO_RACK) ? null : rack;
        OtherTrackers remote = others;
        List<Peer> candidates = new ArrayList<>();
        if (own != null) {
            addFresh(peersOfRack.getOrDefault(own, Set.of()), peer, candidates);
            addRemote(remote.ofRack().getOrDefault(own, List.of()), peer, candidates);
        }
        candidates.addAll(sampleOtherRacks(own, peer, answer));
        candidates.addAll(sampleRemote(remote, own, peer, answer));
        List<Peer> chosen;
        synchronized (random) {
            chosen = RackAffinity.DEFAULT.choose(own, candidates, this::rackOf, answer, random);
        }
        return List.copyOf(chosen);
    }

    /** Up to {@code count} fresh peers outside {@code own}: a random rack, then a random peer of it, with retries. */
    private List<TrackedPeer> sampleOtherRacks(String own, TrackedPeer asking, int count) {
        List<String> racks = new ArrayList<>(peersOfRack.keySet());
        racks.remove(own);
        List<TrackedPeer> sample = new ArrayList<>();
        Set<String> taken = new java.util.HashSet<>();
        ThreadLocalRandom dice = ThreadLocalRandom.current();
        for (int tries = 0; sample.size() < count && tries < 4 * count && !racks.isEmpty(); tries++) {
            Object[] members = peersOfRack.getOrDefault(racks.get(dice.nextInt(racks.size())), Set.of()).toArray();
            if (members.length == 0) {
                continue;
            }
            String id = (String) members[dice.nextInt(members.length)];
            TrackedPeer candidate = getPeer(id);
            if (candidate != null && candidate.isFresh() && !same(candidate, asking) && taken.add(id)) {
                sample.add(candidate);
            }
        }
        return sample;
    }

    /**
     * Up to {@code count} of the other trackers' peers outside {@code own}, drawn at random: as for
     * this tracker's own peers, an answer costs a sample, not a pass over the swarm.
     */
    private List<Peer> sampleRemote(OtherTrackers remote, String own, TrackedPeer asking, int count) {
        List<RemotePeer> all = remote.all();
        List<Peer> sample = new ArrayList<>();
        if (all.isEmpty()) {
            return sample;
        }
        Set<RemotePeer> taken = new java.util.HashSet<>();
        ThreadLocalRandom dice = ThreadLocalRandom.current();
        for (int tries = 0; sample.size() < count && tries < 4 * count; tries++) {
            RemotePeer candidate = all.get(dice.nextInt(all.size()));
            // The own rack's came whole already; a host without a rack takes from every rack, NO_RACK too.
            if (!candidate.rack.equals(own) && usable(candidate, asking) && taken.add(candidate)) {
                sample.add(candidate);
            }
        }
        return sample;
    }

    private void addRemote(List<RemotePeer> peers, TrackedPeer asking, List<Peer> into) {
        for (RemotePeer candidate : peers) {
            if (usable(candidate, asking)) {
                into.add(candidate);
            }
        }
    }

    /** A peer this tracker knows itself is handed out as this tracker sees it, and nobody gets itself. */
    private boolean usable(RemotePeer candidate, TrackedPeer asking) {
        return getPeer(candidate.id) == null && (asking == null || !candidate.id.equals(asking.getHexPeerId())
                && !(candidate.getIp().equals(asking.getIp()) && candidate.getPort() == asking.getPort()));
    }

    /** Replaces what the other trackers know of this torrent with what they shared at the last beat. */
    void fromOtherTrackers(List<SwarmPeer> peers) {
        others = OtherTrackers.of(peers);
    }

    /** Seeders and leechers on the other trackers as of the last beat. */
    int otherSeeders() {
        return others.seeders();
    }

    int otherLeechers() {
        return others.all().size() - others.seeders();
    }

    /** This tracker's fresh peers, as it shares them with the other trackers. */
    List<SwarmPeer> freshPeers(String hexInfoHash) {
        List<SwarmPeer> fresh = new ArrayList<>();
        for (TrackedPeer peer : getPeers().values()) {
            if (peer.isFresh() && peer.getIp() != null) {
                String rack = rackOfPeer.get(peer.getHexPeerId());
                fresh.add(new SwarmPeer(hexInfoHash, peer.getHexPeerId(), peer.getIp(), peer.getPort(),
                        rack == null || rack.equals(NO_RACK) ? null : rack, peer.getLeft() == 0));
            }
        }
        return fresh;
    }

    private void addFresh(Set<String> ids, TrackedPeer asking, List<Peer> into) {
        for (String id : ids) {
            TrackedPeer candidate = getPeer(id);
            if (candidate != null && candidate.isFresh() && !same(candidate, asking)) {
                into.add(candidate);
            }
        }
    }

    private static boolean same(TrackedPeer candidate, TrackedPeer asking) {
        return asking != null && (candidate.looksLike(asking) || candidate.getHexPeerId().equals(asking.getHexPeerId()));
    }

    private void place(String id, String rack) {
        String before = rackOfPeer.put(id, rack);
        if (before != null && !before.equals(rack)) {
            peersOfRack.getOrDefault(before, Set.of()).remove(id);
        }
        peersOfRack.computeIfAbsent(rack, r -> ConcurrentHashMap.newKeySet()).add(id);
    }

    private void forget(String id) {
        String rack = rackOfPeer.remove(id);
        if (rack != null) {
            peersOfRack.getOrDefault(rack, Set.of()).remove(id);
        }
    }

    private String rackOf(Peer peer) {
        String rack = peer instanceof RemotePeer remote ? remote.rack : rackOfPeer.get(peer.getHexPeerId());
        return rack == null || rack.equals(NO_RACK) ? null : rack;
    }

    /** A peer another node's tracker saw, with the rack that tracker placed it in. */
    static final class RemotePeer extends Peer {

        private final String id;
        private final String rack;

        RemotePeer(SwarmPeer peer) {
            super(peer.ip(), peer.port(), peerIdOf(peer.peerId()));
            this.id = peer.peerId();
            this.rack = peer.rack() == null ? NO_RACK : peer.rack();
        }

        private static ByteBuffer peerIdOf(String hex) {
            try {
                return ByteBuffer.wrap(java.util.HexFormat.of().parseHex(hex));
            }
            catch (IllegalArgumentException notHex) {
                return null;
            }
        }
    }

    /** The other trackers' peers of one torrent, by rack and all together. */
    private record OtherTrackers(Map<String, List<RemotePeer>> ofRack, List<RemotePeer> all, int seeders) {

        static final OtherTrackers NONE = new OtherTrackers(Map.of(), List.of(), 0);

        static OtherTrackers of(List<SwarmPeer> peers) {
            if (peers.isEmpty()) {
                return NONE;
            }
            Map<String, List<RemotePeer>> ofRack = new java.util.HashMap<>();
            Map<String, RemotePeer> byId = new java.util.LinkedHashMap<>();
            int seeders = 0;
            for (SwarmPeer shared : peers) {
                // A host that moved to another tracker may still be on the one it left until that one's next beat.
                if (byId.containsKey(shared.peerId())) {
                    continue;
                }
                RemotePeer peer = new RemotePeer(shared);
                byId.put(shared.peerId(), peer);
                ofRack.computeIfAbsent(peer.rack, r -> new ArrayList<>()).add(peer);
                seeders += shared.seeding() ? 1 : 0;
            }
            return new OtherTrackers(Map.copyOf(ofRack), List.copyOf(byId.values()), seeders);
        }
    }
}
