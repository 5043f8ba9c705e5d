package io.pushtrain.benchmarks.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FleetSimulationTest {

    private static FleetConfig fleet(int hosts, int racks, String size, String rackUplink, boolean rackAware) {
        return new FleetConfig(hosts, racks, Units.bytes(size), Units.bitsPerSecond("1Gbit"), 1, Units.bytes("4MiB"), 4, 50, 80,
                Units.bitsPerSecond(rackUplink), 10, 0, rackAware, false);
    }

    @Test
    void aSmallFleetFinishesCloseToTheBoundButNeverBeforeIt() {
        FleetConfig config = fleet(10, 2, "256MB", "0", true);
        for (long seed = 1; seed <= 3; seed++) {
            FleetResult result = FleetSimulation.simulate(config, seed);
            double bound = config.lowerBound();
            assertTrue(result.fleetSeconds() >= bound, "beat the bound: " + result.fleetSeconds() + " < " + bound);
            assertTrue(result.fleetSeconds() <= 1.6 * bound, "far from the bound: " + result.fleetSeconds() + " vs " + bound);
            assertEquals(10L * config.sizeBytes(), result.totalBytes());
            // The seeder sits in a rack of its own: every rack of hosts must receive at least one whole copy.
            assertTrue(result.crossRackBytes() >= 2L * config.sizeBytes(), "cross-rack " + result.crossRackBytes());
            assertTrue(result.medianSeconds() <= result.p99Seconds() && result.p99Seconds() <= result.fleetSeconds());
        }
    }

    @Test
    void aLargerSwarmIsBoundByTheHostsDownloadLinks() {
        // 239 pieces: the pipeline (a piece must arrive before it can be passed on) and the last pieces
        // cost about 1.5 s over the bound of 8 s; a simulator that idled links or wasted slots would cost more.
        FleetConfig config = fleet(200, 10, "1GB", "0", true);
        FleetResult result = FleetSimulation.simulate(config, 7);
        assertTrue(result.fleetSeconds() >= config.lowerBound());
        assertTrue(result.fleetSeconds() <= 1.35 * config.lowerBound(), result.fleetSeconds() + " vs " + config.lowerBound());
    }

    @Test
    void rackAffinityKeepsBytesInsideRacksWhenTheirUplinksAreNarrow() {
        FleetConfig config = fleet(400, 20, "128MB", "2Gbit", true);
        FleetResult affinity = FleetSimulation.simulate(config, 3);
        FleetResult random = FleetSimulation.simulate(config.withRackAware(false), 3);
        assertTrue(affinity.crossRackBytes() < 0.8 * random.crossRackBytes(),
                affinity.crossRackBytes() + " vs random " + random.crossRackBytes());
        assertTrue(affinity.fleetSeconds() < random.fleetSeconds(), affinity.fleetSeconds() + " vs random " + random.fleetSeconds());
        assertTrue(affinity.crossRackPeerShare() < random.crossRackPeerShare());
    }

    private static StripeSwarm.Params engine(double efficiency) {
        return new StripeSwarm.Params(5, 10, 40, 60, 4, 1.0, 24, 0.01, 0.5, 500e6, 0, efficiency);
    }

    @Test
    void theStripeModelOfTheEngineNeverBeatsTheBoundAndPullsAboutOneCopyIntoEachRack() {
        // FleetOnOneMachine's fleet: 100 hosts, 10 racks, 16 MB in 512 KiB pieces, u = 4 MB/s.
        FleetConfig config = new FleetConfig(100, 10, Units.bytes("16MB"), Units.bitsPerSecond("32Mbit"), 1, Units.bytes("512KiB"),
                4, 30, 40, 0, 10, 0, true, false);
        FleetResult result = new StripeSwarm(config, engine(1.0), 1).run();
        assertEquals(100L * config.sizeBytes(), result.totalBytes());
        assertTrue(result.fleetSeconds() >= config.lowerBound(), result.fleetSeconds() + " vs " + config.lowerBound());
        assertTrue(result.crossRackBytes() >= 10L * config.sizeBytes(), "every rack needs a copy from outside");
        assertTrue(result.crossRackBytes() <= 2L * 10 * config.sizeBytes(), "cross-rack " + result.crossRackBytes());
        // Half the caps take longer.
        FleetResult slower = new StripeSwarm(config, engine(0.5), 1).run();
        assertTrue(slower.fleetSeconds() > 1.5 * result.fleetSeconds(), slower.fleetSeconds() + " vs " + result.fleetSeconds());
    }

    @Test
    void unitsReadTheIssuesScenario() {
        assertEquals(1_500_000_000L, Units.bytes("1.5GB"));
        assertEquals(4L << 20, Units.bytes("4MiB"));
        assertEquals(1e9, Units.bitsPerSecond("1Gbit"));
        assertEquals(10e9, Units.bitsPerSecond("10Gbit/s"));
    }
}
