package io.pushtrain.distribution.rollout;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pushtrain.distribution.DistributionProperties;
import io.pushtrain.distribution.HostReported;
import io.pushtrain.distribution.HostState;
import io.pushtrain.distribution.Rollouts;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ticks running rollouts every {@code pushtrain.distribution.tick}, and at once after a host
 * reports that it runs a build or failed (after the report committed, so the tick sees it): a failed
 * health check stops the rollout at once, not a tick later.
 */
@Component
class RolloutTicker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RolloutTicker.class);

    private final Rollouts rollouts;
    private final DistributionProperties properties;
    private ScheduledExecutorService scheduler;

    RolloutTicker(Rollouts rollouts, DistributionProperties properties) {
        this.rollouts = rollouts;
        this.properties = properties;
    }

    @TransactionalEventListener
    void onReport(HostReported report) {
        if (report.state() == HostState.RUNNING || report.state() == HostState.FAILED) {
            tick();
        }
    }

    private void tick() {
        try {
            rollouts.tick();
        }
        catch (RuntimeException ex) {
            // The next tick tries again; a database hiccup must not stop the schedule.
            log.warn("Rollout tick failed: {}", ex.toString());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rollout-tick");
            thread.setDaemon(true);
            return thread;
        });
        long millis = properties.distribution().tick().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
