package io.pushtrain.server.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.pushtrain.server.ServerProperties;
import io.pushtrain.train.PickState;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PresenceRequested;
import io.pushtrain.train.PushState;
import io.pushtrain.train.PushView;
import io.pushtrain.train.Pushes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Plays the demo developers answering the presence ping, a few seconds apart. They hold their
 * answers until someone signs in to the dashboard (or {@code pushtrain.demo-presence-hold} passed),
 * so the newcomer who just started the server sees the demo push wait, then run, live.
 */
@Component
@Conditional(DemoModeCondition.class)
class DemoPresence {

    private static final Logger log = LoggerFactory.getLogger(DemoPresence.class);

    private final Picks picks;
    private final Pushes pushes;
    private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-presence");
        thread.setDaemon(true);
        return thread;
    });
    private final Random random = new Random();
    /** Answers held until the first sign-in; null once released, and every later answer goes out at once. */
    private List<Runnable> held = new ArrayList<>();

    DemoPresence(Picks picks, Pushes pushes, ServerProperties properties) {
        this.picks = picks;
        this.pushes = pushes;
        replies.schedule(() -> release("nobody signed in for " + properties.demoPresenceHold().toSeconds() + " s"),
                properties.demoPresenceHold().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A person signed in through the login form (HTTP Basic calls of the API do not count). */
    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        release(event.getAuthentication().getName() + " signed in");
    }

    private void release(String why) {
        List<Runnable> answers;
        synchronized (this) {
            if (held == null) {
                return;
            }
            answers = held;
            held = null;
        }
        log.info("Demo developers answer the presence ping now: {}", why);
        answers.forEach(this::answerSoon);
    }

    private void answerSoon(Runnable answer) {
        replies.schedule(answer, 3 + random.nextInt(12), TimeUnit.SECONDS);
    }

    /**
     * After a restart the scheduled replies of the old process are gone; the demo developers
     * answer again for the pushes still waiting on them.
     */
    @EventListener(ApplicationReadyEvent.class)
    void answerWaitingPushes() {
        for (PushView push : pushes.all()) {
            if (push.state() != PushState.RUNNING) {
                continue;
            }
            Map<String, List<Long>> waiting = new java.util.TreeMap<>();
            push.picks().stream().filter(p -> p.state() == PickState.APPROVED || p.state() == PickState.DEFERRED)
                .forEach(p -> waiting.computeIfAbsent(p.requester(), r -> new java.util.ArrayList<>()).add(p.id()));
            presenceRequested(new PresenceRequested(push.id(), push.presenceDeadline(), waiting));
        }
    }

    @EventListener
    void presenceRequested(PresenceRequested request) {
        for (Map.Entry<String, List<Long>> requester : request.picksByRequester().entrySet()) {
            if (!DemoSeed.DEVELOPERS.contains(requester.getKey())) {
                continue;
            }
            Runnable answer = () -> confirm(requester.getKey(), requester.getValue());
            synchronized (this) {
                if (held != null) {
                    held.add(answer);
                    continue;
                }
            }
            answerSoon(answer);
        }
    }

    private void confirm(String requester, List<Long> ids) {
        for (long id : ids) {
            try {
                picks.confirm(id, requester);
            }
            catch (RuntimeException ex) {
                log.info("Demo developer {} could not confirm pick {}: {}", requester, id, ex.getMessage());
            }
        }
        log.info("Demo developer {} is here for picks {}", requester, ids);
    }
}
