package io.pushtrain.benchmarks.distribution;

import java.util.Arrays;

/** A binary min-heap of (time, payload) on primitive arrays: the simulation's event queue, no boxing. */
final class EventQueue {

    private double[] times = new double[1 << 12];
    private long[] payloads = new long[1 << 12];
    private int size;
    private double lastTime;

    void push(double time, long payload) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            payloads = Arrays.copyOf(payloads, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (times[parent] <= time) {
                break;
            }
            times[i] = times[parent];
            payloads[i] = payloads[parent];
            i = parent;
        }
        times[i] = time;
        payloads[i] = payload;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Removes the earliest event and returns its payload; its time is then {@link #lastTime()}. */
    long pop() {
        long top = payloads[0];
        lastTime = times[0];
        int n = --size;
        if (n > 0) {
            double time = times[n];
            long payload = payloads[n];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= n) {
                    break;
                }
                if (child + 1 < n && times[child + 1] < times[child]) {
                    child++;
                }
                if (times[child] >= time) {
                    break;
                }
                times[i] = times[child];
                payloads[i] = payloads[child];
                i = child;
            }
            times[i] = time;
            payloads[i] = payload;
        }
        return top;
    }

    double lastTime() {
        return lastTime;
    }
}
