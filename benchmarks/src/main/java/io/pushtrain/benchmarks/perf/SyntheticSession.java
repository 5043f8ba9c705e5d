package io.pushtrain.benchmarks.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import io.pushtrain.perf.Measurement;

/**
 * One trial's benchmark machine: every run of trunk (A) or release (B) prints {@code render} in ms,
 * log-normal around 100 ms with a known coefficient of variation, times the machine's drift at that
 * moment, times the injected change for B, sometimes hit by a noisy neighbour. Keeps every value so the
 * t-test can be fed the very same runs.
 */
final class SyntheticSession {

    /** What the machine and the change are like. */
    record Machine(double cv, double driftPerRun, double outlierChance, double outlierSlowdown) {
    }

    private final Machine machine;
    private final double change;
    private final Random random;
    private final double sigma;
    private final List<Double> trunk = new ArrayList<>();
    private final List<Double> release = new ArrayList<>();
    private int run;

    SyntheticSession(Machine machine, double change, long seed) {
        this.machine = machine;
        this.change = change;
        this.random = new Random(seed);
        this.sigma = Math.sqrt(Math.log(1 + machine.cv() * machine.cv()));
    }

    Supplier<List<Measurement>> trunk() {
        return () -> List.of(new Measurement("render", next(false), "ms"));
    }

    Supplier<List<Measurement>> release() {
        return () -> List.of(new Measurement("render", next(true), "ms"));
    }

    /** Runs on, in the same A B B A order the runner uses, until each build has {@code pairs} runs. */
    void interleaveUpTo(int pairs) {
        while (trunk.size() < pairs || release.size() < pairs) {
            boolean releaseFirst = trunk.size() % 2 == 1;
            next(releaseFirst);
            next(!releaseFirst);
        }
    }

    /** All of A, then all of B: how a dashboard compares today's build with a baseline measured before. */
    void blocksOf(int runs) {
        for (int i = 0; i < runs; i++) {
            next(false);
        }
        for (int i = 0; i < runs; i++) {
            next(true);
        }
    }

    double[] trunkRuns(int n) {
        return trunk.stream().limit(n).mapToDouble(Double::doubleValue).toArray();
    }

    double[] releaseRuns(int n) {
        return release.stream().limit(n).mapToDouble(Double::doubleValue).toArray();
    }

    private double next(boolean isRelease) {
        double value = 100 * Math.exp(sigma * random.nextGaussian()) * (1 + machine.driftPerRun() * run++);
        if (random.nextDouble() < machine.outlierChance()) {
            value *= 1 + machine.outlierSlowdown();
        }
        if (isRelease) {
            value *= 1 + change;
            release.add(value);
        } else {
            trunk.add(value);
        }
        return value;
    }
}
