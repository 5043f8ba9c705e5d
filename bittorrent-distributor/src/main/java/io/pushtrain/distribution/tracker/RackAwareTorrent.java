package io.pushtrain.distribution.tracker;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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
    /** A peer's rack is asked again this often, in case the host registry learned it since. */
    private static final long REPLACE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Function<String, String> rackOfIp;
    private final int answerPeers;
    /** Every peer of the swarm with its rack, exactly the peers ttorrent holds. */
    private final Map<String, Placed> placed = new ConcurrentHashMap<>();
    private final Map<String, RackMembers> peersOfRack = new ConcurrentHashMap<>();
    /** Every rack that ever had a peer, to draw a rack at random without copying the map. */
    private volatile RackMembers[] racks = new RackMembers[0];
    private final AtomicInteger seeding = new AtomicInteger();
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
            place(hexPeerId, ip, left == 0);
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
        for (String id : List.copyOf(placed.keySet())) {
            if (getPeer(id) == null) {
                forget(id);
            }
        }
    }

    /** Counted as peers announce (ttorrent's own count is a pass over the swarm on every answer). */
    @Override
    public int seeders() {
        return seeding.get();
    }

    @Override
    public int leechers() {
        return Math.max(0, placed.size() - seeding.get());
    }

    @Override
    public List<Peer> getSomePeers(TrackedPeer peer) {
        return somePeers(peer, answerPeers);
    }

    /**
     * Up to {@code want} fresh peers other than {@code peer}: the policy chooses among a sample of
     * the host's rack and a sample of the other racks, each as many as the answer could take. Stale
     * peers are skipped, not removed: the tracker's collector removes them. What an answer costs
     * (and allocates) grows with {@code want}, not with the swarm or a rack.
     */
    List<Peer> somePeers(TrackedPeer peer, int want) {
        int answer = Math.min(want, answerPeers);
        if (answer <= 0) {
            return List.of();
        }
        Placed asking = peer == null ? null : placed.get(peer.getHexPeerId());
        String own = asking == null || asking.rack().equals(NO_RACK) ? null : asking.rack();
        OtherTrackers remote = others;
        ThreadLocalRandom dice = ThreadLocalRandom.current();
        List<Peer> candidates = new ArrayList<>(2 * answer + 2);
        if (own != null) {
            RackMembers members = peersOfRack.get(own);
            if (members != null) {
                members.sample(answer + 1, dice, id -> addFresh(id, peer, candidates));
            }
            sampleRemote(remote.ofRack().getOrDefault(own, List.of()), null, peer, answer, candidates);
        }
        // Only as many from the other racks as the policy takes: a host with rack-mates takes one or a few.
        int others = own == null ? answer : RackAffinity.DEFAULT.fromOtherRacks(candidates.size(), answer);
        int before = candidates.size();
        sampleOtherRacks(own, peer, others, candidates);
        sampleRemote(remote.all(), own, peer, others - (candidates.size() - before), candidates);
        return List.copyOf(RackAffinity.DEFAULT.choose(own, candidates, this::rackOf, answer, dice));
    }

    /** Adds up to {@code count} fresh peers outside {@code own}: a random rack, then a random peer of it, with retries. */
    private void sampleOtherRacks(String own, TrackedPeer asking, int count, List<Peer> into) {
        RackMembers[] all = racks;
        if (count <= 0 || all.length == 0 || (all.length == 1 && all[0].rack.equals(own))) {
            return;
        }
        ThreadLocalRandom dice = ThreadLocalRandom.current();
        int first = into.size();
        for (int tries = 0; into.size() - first < count && tries < 4 * count; tries++) {
            RackMembers members = all[dice.nextInt(all.length)];
            if (members.rack.equals(own)) {
                continue;
            }
            String id = members.any(dice);
            TrackedPeer candidate = id == null ? null : getPeer(id);
            if (candidate != null && candidate.isFresh() && !same(candidate, asking) && !taken(into, first, candidate)) {
                into.add(candidate);
            }
        }
    }

    /** Whether {@code peer} is among {@code into} from {@code first} on: a handful, so a scan beats a set. */
    private static boolean taken(List<? extends Peer> into, int first, Peer peer) {
        for (int i = first; i < into.size(); i++) {
            if (into.get(i) == peer) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds up to {@code count} of {@code peers} (the other trackers' peers) outside {@code own}: all of
     * them when there are few, else a random draw. As for this tracker's own peers, an answer costs a
     * sample, not a pass over the swarm.
     */
    private void sampleRemote(List<RemotePeer> peers, String own, TrackedPeer asking, int count, List<Peer> into) {
        if (peers.isEmpty() || count <= 0) {
            return;
        }
        int first = into.size();
        if (peers.size() <= count) {
            for (RemotePeer candidate : peers) {
                if (!candidate.rack.equals(own) && usable(candidate, asking)) {
                    into.add(candidate);
                }
            }
            return;
        }
        ThreadLocalRandom dice = ThreadLocalRandom.current();
        for (int tries = 0; into.size() - first < count && tries < 4 * count; tries++) {
            RemotePeer candidate = peers.get(dice.nextInt(peers.size()));
            // The own rack's came already; a host without a rack takes from every rack, NO_RACK too.
            if (!candidate.rack.equals(own) && usable(candidate, asking) && !taken(into, first, candidate)) {
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
                Placed where = placed.get(peer.getHexPeerId());
                String rack = where == null ? null : where.rack();
                fresh.add(new SwarmPeer(hexInfoHash, peer.getHexPeerId(), peer.getIp(), peer.getPort(),
                        rack == null || rack.equals(NO_RACK) ? null : rack, peer.getLeft() == 0));
            }
        }
        return fresh;
    }

    private void addFresh(String id, TrackedPeer asking, List<Peer> into) {
        TrackedPeer candidate = getPeer(id);
        if (candidate != null && candidate.isFresh() && !same(candidate, asking)) {
            into.add(candidate);
        }
    }

    private static boolean same(TrackedPeer candidate, TrackedPeer asking) {
        return asking != null && (candidate.looksLike(asking) || candidate.getHexPeerId().equals(asking.getHexPeerId()));
    }

    /**
     * Files the peer under its rack and counts it seeding or not. The rack is looked up only for a
     * new peer, a new address, or once a minute (a scan of the CIDR blocks is the dearest part of an
     * announce otherwise).
     */
    private void place(String id, String ip, boolean seeds) {
        long now = System.nanoTime();
        placed.compute(id, (key, before) -> {
            boolean known = before != null && before.ip().equals(ip) && now - before.placedAt() < REPLACE_NANOS;
            String found = known ? before.rack() : rackOfIp.apply(ip);
            String rack = found == null ? NO_RACK : found;
            if (before == null || !before.rack().equals(rack)) {
                if (before != null) {
                    members(before.rack()).remove(id);
                }
                members(rack).add(id);
            }
            if (before == null ? seeds : before.seeding() != seeds) {
                seeding.addAndGet(seeds ? 1 : -1);
            }
            return new Placed(rack, ip, seeds, known ? before.placedAt() : now);
        });
    }

    private void forget(String id) {
        placed.computeIfPresent(id, (key, before) -> {
            members(before.rack()).remove(id);
            if (before.seeding()) {
                seeding.decrementAndGet();
            }
            return null;
        });
    }

    private RackMembers members(String rack) {
        RackMembers members = peersOfRack.get(rack);
        if (members != null) {
            return members;
        }
        synchronized (peersOfRack) {
            return peersOfRack.computeIfAbsent(rack, name -> {
                RackMembers created = new RackMembers(name);
                RackMembers[] grown = java.util.Arrays.copyOf(racks, racks.length + 1);
                grown[grown.length - 1] = created;
                racks = grown;
                return created;
            });
        }
    }

    private String rackOf(Peer peer) {
        String rack;
        if (peer instanceof RemotePeer remote) {
            rack = remote.rack;
        }
        else {
            Placed where = placed.get(peer.getHexPeerId());
            rack = where == null ? null : where.rack();
        }
        return rack == null || rack.equals(NO_RACK) ? null : rack;
    }

    /** Where a peer is filed: its rack, the address that rack was found for, and whether it seeds. */
    private record Placed(String rack, String ip, boolean seeding, long placedAt) {
    }

    /**
     * The peer ids of one rack in an array list with an index, so that adding, removing (swap with
     * the last) and drawing at random are O(1), and a sample is a few draws, not a copy.
     */
    private static final class RackMembers {

        private final String rack;
        private final List<String> ids = new ArrayList<>();
        private final Map<String, Integer> index = new java.util.HashMap<>();

        RackMembers(String rack) {
            this.rack = rack;
        }

        synchronized void add(String id) {
            if (index.putIfAbsent(id, ids.size()) == null) {
                ids.add(id);
            }
        }

        synchronized void remove(String id) {
            Integer at = index.remove(id);
            if (at == null) {
                return;
            }
            String last = ids.remove(ids.size() - 1);
            if (at < ids.size()) {
                ids.set(at, last);
                index.put(last, at);
            }
        }

        synchronized String any(ThreadLocalRandom dice) {
            return ids.isEmpty() ? null : ids.get(dice.nextInt(ids.size()));
        }

        /** Hands {@code count} distinct members to {@code each}: all of them when there are no more, else a random draw. */
        void sample(int count, ThreadLocalRandom dice, Consumer<String> each) {
            String[] drawn;
            synchronized (this) {
                int size = ids.size();
                if (size <= count) {
                    drawn = ids.toArray(new String[0]);
                }
                else {
                    // Floyd's algorithm over positions: count distinct draws without touching the rest.
                    drawn = new String[count];
                    java.util.Set<Integer> positions = new java.util.HashSet<>(2 * count);
                    int n = 0;
                    for (int j = size - count; j < size; j++) {
                        int t = dice.nextInt(j + 1);
                        int pick = positions.add(t) ? t : j;
                        positions.add(pick);
                        drawn[n++] = ids.get(pick);
                    }
                }
            }
            for (String id : drawn) {
                each.accept(id);
            }
        }
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
