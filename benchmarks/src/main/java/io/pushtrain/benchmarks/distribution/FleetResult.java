package io.pushtrain.benchmarks.distribution;

/**
 * What one simulated push did.
 *
 * @param fleetSeconds   when the last host had every piece (from the first announce, t = 0)
 * @param medianSeconds  median host completion time
 * @param p99Seconds     99th percentile host completion time
 * @param crossRackBytes bytes whose sender and receiver sit in different racks (the seeders' rack included)
 * @param totalBytes     bytes delivered to hosts; must be hosts × S
 * @param transfers      piece transfers
 * @param meanPeers      mean connections per host at the end
 * @param crossRackPeerShare share of host-to-host connections that cross racks
 * @param wallMillis     how long the simulation itself took
 */
record FleetResult(double fleetSeconds, double medianSeconds, double p99Seconds, long crossRackBytes, long totalBytes,
        long transfers, double meanPeers, double crossRackPeerShare, long wallMillis) {
}
