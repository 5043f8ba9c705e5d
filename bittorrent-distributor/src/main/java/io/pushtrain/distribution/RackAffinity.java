package io.pushtrain.distribution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Which peers the tracker hands a host: peers from its own rack first, and a few from other
 * racks so that pieces flow into every rack. The tracker and the fleet simulation both use
 * this one policy, so what the simulation predicts is what the tracker does.
 *
 * @param crossRack how many peers from other racks every answer carries (when there are any):
 *                  few, because each one is a path for bytes across the core network
 */
public record RackAffinity(int crossRack) {

    /** Two peers from elsewhere: enough for each rack to get its copy, few enough to keep the core quiet. */
    public static final RackAffinity DEFAULT = new RackAffinity(2);

    public RackAffinity {
        if (crossRack < 0) {
            throw new IllegalArgumentException("crossRack must be 0 or more, was " + crossRack);
        }
    }

    /**
     * Up to {@code want} peers for a host in {@code rack}: all same-rack peers when they fit
     * (chosen at random when not), then {@code crossRack} peers from other racks, then more
     * from other racks only when the own rack cannot fill the answer. A rack nobody knows
     * ({@code null}) counts as a rack of its own.
     */
    public <P> List<P> choose(String rack, Collection<P> candidates, Function<P, String> rackOf, int want,
            RandomGenerator random) {
        if (want <= 0 || candidates.isEmpty()) {
            return List.of();
        }
        List<P> sameRack = new ArrayList<>();
        List<P> otherRacks = new ArrayList<>();
        for (P peer : candidates) {
            (rack != null && Objects.equals(rack, rackOf.apply(peer)) ? sameRack : otherRacks).add(peer);
        }
        shuffle(sameRack, random);
        shuffle(otherRacks, random);
        int fromOthers = Math.min(otherRacks.size(), Math.max(crossRack, want - sameRack.size()));
        int fromOwn = Math.min(sameRack.size(), want - Math.min(fromOthers, want));
        List<P> chosen = new ArrayList<>(Math.min(want, candidates.size()));
        chosen.addAll(sameRack.subList(0, fromOwn));
        chosen.addAll(otherRacks.subList(0, Math.min(fromOthers, want - fromOwn)));
        return Collections.unmodifiableList(chosen);
    }

    private static <P> void shuffle(List<P> peers, RandomGenerator random) {
        for (int i = peers.size() - 1; i > 0; i--) {
            Collections.swap(peers, i, random.nextInt(i + 1));
        }
    }
}
