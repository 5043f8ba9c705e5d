package io.pushtrain.server.flags;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.pushtrain.flags.FlagChanged;
import io.pushtrain.flags.Flags;
import io.pushtrain.gatekeeper.client.FlagJson;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;


/**
 * {@code GET /api/flags/stream}: server-sent events for SDKs. A {@code snapshot} of every flag first, then a
 * {@code flag} or {@code deleted} event per committed change, and a comment every 20 s so dead peers are found.
 */
@Tag(name = "Flags")
@RestController
class FlagStream {

    private static final long HEARTBEAT_SECONDS = 20;

    private final Flags flags;
    private final Set<SseEmitter> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flag-stream-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    FlagStream(Flags flags) {
        this.flags = flags;
        heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    @Operation(summary = "Server-sent events of every committed flag change, after a snapshot (for SDKs)")
    @GetMapping(path = "/api/flags/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() throws IOException {
        SseEmitter emitter = new SseEmitter(0L); // no timeout: SDKs stay connected for as long as they run
        emitter.onCompletion(() -> clients.remove(emitter));
        emitter.onTimeout(() -> clients.remove(emitter));
        emitter.onError(failure -> clients.remove(emitter));
        // Registered before the snapshot is read, so a change committed meanwhile is sent after it, never lost.
        clients.add(emitter);
        send(emitter, SseEmitter.event().name("snapshot").data(FlagJson.write(flags.list()), MediaType.APPLICATION_JSON));
        return emitter;
    }

    /** Only committed changes go out: a rolled-back edit must never reach an application. */
    @TransactionalEventListener
    void changed(FlagChanged change) {
        SseEmitter.SseEventBuilder event = change.deleted()
                ? SseEmitter.event().name("deleted").data(FlagJson.write(Map.of("name", change.name())), MediaType.APPLICATION_JSON)
                : SseEmitter.event().name("flag").data(FlagJson.write(change.flag()), MediaType.APPLICATION_JSON);
        for (SseEmitter client : clients) {
            send(client, event);
        }
    }

    int connected() {
        return clients.size();
    }

    private void beat() {
        for (SseEmitter client : clients) {
            send(client, SseEmitter.event().comment("keep-alive"));
        }
    }

    private void send(SseEmitter client, SseEmitter.SseEventBuilder event) {
        try {
            // One emitter is written by the request thread, the listener and the heartbeat: one at a time.
            synchronized (client) {
                client.send(event);
            }
        }
        catch (IOException | IllegalStateException gone) {
            clients.remove(client);
            client.completeWithError(gone);
        }
    }

    /**
     * Ends the streams when shutdown begins, before the web server's graceful shutdown would
     * wait 30 s for them: SDKs reconnect to another node and keep their snapshot meanwhile.
     */
    @EventListener(ContextClosedEvent.class)
    void stop() {
        heartbeat.shutdownNow();
        clients.forEach(SseEmitter::complete);
    }
}
