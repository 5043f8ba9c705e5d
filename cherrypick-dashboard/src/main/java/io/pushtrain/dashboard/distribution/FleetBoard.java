package io.pushtrain.dashboard.distribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.pushtrain.distribution.HostState;
import io.pushtrain.distribution.HostView;

/**
 * Desired against actual: per tier, the build it should run and how many of its hosts run it,
 * and the same per rack. Computed from the hosts' last reports, so it holds with or without a
 * rollout under way.
 */
public record FleetBoard(List<TierRow> tiers, long hosts, long running) {

    /** A tier: its desired build (null: none), its hosts and how many run the desired build. */
    public record TierRow(String tier, String desired, long hosts, long running, List<RackRow> racks) {

        public int percent() {
            return FleetBoard.percent(running, hosts);
        }
    }

    /** A rack of a tier. */
    public record RackRow(String rack, long hosts, long running) {

        public int percent() {
            return FleetBoard.percent(running, hosts);
        }
    }

    /** {@code desiredByTier} in rollout order; hosts of a tier not configured any more are left out. */
    static FleetBoard of(Map<String, String> desiredByTier, List<HostView> hosts) {
        List<TierRow> tiers = new ArrayList<>();
        long total = 0;
        long running = 0;
        for (Map.Entry<String, String> tier : desiredByTier.entrySet()) {
            Map<String, long[]> racks = new LinkedHashMap<>();
            for (HostView host : hosts) {
                if (host.tier().equals(tier.getKey())) {
                    long[] counts = racks.computeIfAbsent(host.rack(), r -> new long[2]);
                    counts[0]++;
                    if (runs(host, tier.getValue())) {
                        counts[1]++;
                    }
                }
            }
            List<RackRow> rackRows = racks.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new RackRow(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
            long tierHosts = rackRows.stream().mapToLong(RackRow::hosts).sum();
            long tierRunning = rackRows.stream().mapToLong(RackRow::running).sum();
            tiers.add(new TierRow(tier.getKey(), tier.getValue(), tierHosts, tierRunning, rackRows));
            total += tierHosts;
            running += tierRunning;
        }
        return new FleetBoard(List.copyOf(tiers), total, running);
    }

    /** Whether the host runs its tier's desired build now. */
    static boolean runs(HostView host, String desired) {
        return desired != null && host.state() == HostState.RUNNING && Objects.equals(host.version(), desired);
    }

    static int percent(long part, long whole) {
        return whole == 0 ? 0 : (int) (100 * part / whole);
    }
}
