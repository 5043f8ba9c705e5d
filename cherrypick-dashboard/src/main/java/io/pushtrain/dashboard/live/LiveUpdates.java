package io.pushtrain.dashboard.live;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.pushtrain.distribution.HostReported;
import io.pushtrain.distribution.RolloutFinished;
import io.pushtrain.karma.KarmaChanged;
import io.pushtrain.train.PickConflicted;
import io.pushtrain.train.PickFailedTests;
import io.pushtrain.train.PickRegressedPerf;
import io.pushtrain.train.PickDecided;
import io.pushtrain.train.PickDeferred;
import io.pushtrain.train.PickMerged;
import io.pushtrain.train.PickRequested;
import io.pushtrain.train.PresenceRequested;
import io.pushtrain.train.PushFinished;
import io.pushtrain.train.PushStarted;
import io.pushtrain.train.PushStepChanged;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells every open dashboard, over server-sent events, that the push or the queue changed.
 * An event carries only its name and a small JSON note; the page then fetches the fragment it
 * shows with its own session, so roles and CSRF tokens stay right. Sent after the commit, so
 * the fragment fetched reads what the event announces.
 */
@Component
class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    // One sender thread: a slow browser never holds up the push engine that published the event.
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dashboard-live");
        thread.setDaemon(true);
        return thread;
    });

    LiveUpdates() {
        // A comment now and then finds browsers that went away without closing the stream.
        sender.scheduleWithFixedDelay(() -> send(SseEmitter.event().comment("keep-alive")), 20, 20, TimeUnit.SECONDS);
    }

    SseEmitter open() {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(ex -> emitters.remove(emitter));
        return emitter;
    }

    int listeners() {
        return emitters.size();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void pushStarted(PushStarted event) {
        announce("push", "{\"push\":" + event.push() + ",\"state\":\"RUNNING\"}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void stepChanged(PushStepChanged event) {
        announce("push", "{\"push\":" + event.push() + ",\"step\":\"" + event.step() + "\",\"state\":\""
                + event.state() + "\",\"progress\":" + event.pushProgress() + "}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void presenceRequested(PresenceRequested event) {
        announce("push", "{\"push\":" + event.push() + ",\"step\":\"presence\"}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void merged(PickMerged event) {
        announce("push", "{\"push\":" + event.push() + ",\"pick\":" + event.pick() + ",\"state\":\"MERGED\"}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void conflicted(PickConflicted event) {
        announce("push", "{\"push\":" + event.push() + ",\"pick\":" + event.pick() + ",\"state\":\"CONFLICT\"}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void failedTests(PickFailedTests event) {
        announce("push", "{\"push\":" + event.push() + ",\"pick\":" + event.pick() + ",\"state\":\"FAILED_TESTS\"}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void regressedPerf(PickRegressedPerf event) {
        announce("push", "{\"push\":" + event.push() + ",\"pick\":" + event.pick()
                + ",\"state\":\"PERF_REGRESSION\"}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void deferred(PickDeferred event) {
        announce("push", "{\"push\":" + event.push() + ",\"pick\":" + event.pick() + ",\"state\":\"DEFERRED\"}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void finished(PushFinished event) {
        announce("push", "{\"push\":" + event.push() + ",\"state\":\"" + event.state() + "\"}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void requested(PickRequested event) {
        announce("queue", "{\"pick\":" + event.pick().id() + ",\"state\":\"" + event.pick().state() + "\"}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void decided(PickDecided event) {
        announce("queue", "{\"pick\":" + event.pick().id() + ",\"state\":\"" + event.pick().state() + "\"}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void karmaChanged(KarmaChanged event) {
        announce("queue", "{\"karma\":\"" + event.person().replace("\"", "") + "\",\"stars\":" + event.to() + "}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void hostReported(HostReported event) {
        announce("fleet", "{\"host\":\"" + event.name().replace("\"", "") + "\",\"state\":\"" + event.state() + "\"}");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void rolloutFinished(RolloutFinished event) {
        announce("fleet", "{\"rollout\":" + event.rolloutId() + ",\"state\":\"" + event.state() + "\"}");
    }

    /** Open streams would hold a graceful shutdown for its whole grace period. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        emitters.forEach(SseEmitter::complete);
        emitters.clear();
        sender.shutdownNow();
    }

    private void announce(String name, String data) {
        send(SseEmitter.event().name(name).data(data));
    }

    private void send(SseEmitter.SseEventBuilder event) {
        if (sender.isShutdown()) {
            return;
        }
        sender.execute(() -> {
            for (SseEmitter emitter : emitters) {
                try {
                    emitter.send(event);
                }
                catch (IOException | IllegalStateException gone) {
                    // The browser left; the emitter's callbacks take it off the list.
                    emitters.remove(emitter);
                    log.debug("Dropped a live dashboard: {}", gone.getMessage());
                }
            }
        });
    }
}
