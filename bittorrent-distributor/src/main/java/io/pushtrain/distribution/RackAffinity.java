package io.pushtrain.distribution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Which peers the tracker hands a host: peers from its own rack, and only a few from other racks
 * so that pieces flow into every rack without every host pulling across the core. The tracker
 * and the fleet simulation both use this one policy, so what the simulation predicts is what the
 * tracker does.
 *
 * @param crossRack how many peers from other racks every answer carries (when there are any):
 *                  each one is a path for bytes across the core network
 * @param minPeers a host whose rack has fewer peers than this so far (the first hosts of a rack
 *                 to announce) gets peers from other racks up to this many, so it can start
 */
public record RackAffinity(int crossRack, int minPeers) {

    /**
     * One peer from elsewhere, and at least four peers in all while a rack fills up: the fleet
     * simulation's best trade of cross-rack bytes for fleet time (docs/performance.md).
     */
    public static final RackAffinity DEFAULT = new RackAffinity(1, 4);

    public RackAffinity {
        if (crossRack < 0 || minPeers < 0) {
            throw new IllegalArgumentException("crossRack and minPeers must be 0 or more, were " + crossRack + ", "
                    + minPeers);
        }
    }

    /** A tracker that ignores racks: {@code want} peers at random, whatever their rack. */
    public static <P> List<P> random(Collection<P> candidates, int want, RandomGenerator random) {
        return sample(new ArrayList<>(candidates), Math.min(want, candidates.size()), random);
    }

    /**
     * Up to {@code want} peers for a host in {@code rack}: same-rack peers (at random when there
     * are more), {@code crossRack} from other racks, and more from other racks only while the own
     * rack has fewer than {@code minPeers}. A rack nobody knows ({@code null}) gets random peers.
     * The cost grows with the swarm only by one pass over the candidates.
     */
    public <P> List<P> choose(String rack, Collection<P> candidates, Function<P, String> rackOf, int want,
            RandomGenerator random) {
        if (want <= 0 || candidates.isEmpty()) {
            return List.of();
        }
        if (rack == null) {
            return random(candidates, want, random);
        }
        List<P> sameRack = new ArrayList<>();
        List<P> otherRacks = new ArrayList<>();
        for (P peer : candidates) {
            (Objects.equals(rack, rackOf.apply(peer)) ? sameRack : otherRacks).add(peer);
        }
        int fromOthers = Math.min(otherRacks.size(), fromOtherRacks(sameRack.size(), want));
        int fromOwn = Math.min(sameRack.size(), want - fromOthers);
        List<P> chosen = new ArrayList<>(fromOwn + fromOthers);
        chosen.addAll(sample(sameRack, fromOwn, random));
        chosen.addAll(sample(otherRacks, fromOthers, random));
        return Collections.unmodifiableList(chosen);
    }

    /**
     * How many peers from other racks an answer of {@code want} carries for a host whose rack offers
     * {@code sameRack} candidates (when the other racks have that many): a tracker samples only that
     * many from the other racks instead of handing them all to {@link #choose}.
     */
    public int fromOtherRacks(int sameRack, int want) {
        return Math.max(0, Math.min(want, Math.max(crossRack, Math.min(want, minPeers) - sameRack)));
    }

    /** The first {@code count} of a partial Fisher–Yates shuffle: a uniform sample without touching the rest. */
    private static <P> List<P> sample(List<P> peers, int count, RandomGenerator random) {
        for (int i = 0; i < count; i++) {
            Collections.swap(peers, i, i + random.nextInt(peers.size() - i));
        }
        return peers.subList(0, count);
    }
}
