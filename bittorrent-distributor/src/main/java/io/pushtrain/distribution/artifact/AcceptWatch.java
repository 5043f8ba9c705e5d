package io.pushtrain.distribution.artifact;

import java.lang.reflect.Field;
import java.nio.channels.ServerSocketChannel;
import java.util.Collection;

import com.turn.ttorrent.client.Client;
import com.turn.ttorrent.client.ConnectionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a ttorrent 1.5 client accepting peers. Its {@code ConnectionHandler} reads the first byte
 * of an incoming handshake as a signed length; a byte of 0x80 or more (half of all encrypted
 * handshakes, which aria2c tries first) throws out of the accept loop: the "bt-serve" thread dies,
 * the connection stays open unanswered, and the seeder silently takes no new peers. The watch
 * closes that connection (the peer retries with a plain handshake) and calls
 * {@link ConnectionHandler#start()}, which starts a new accept thread only when the old one is
 * dead. The handler, its thread and its channel are private to ttorrent, hence the reflection.
 */
final class AcceptWatch {

    private static final Logger log = LoggerFactory.getLogger(AcceptWatch.class);
    private static final Field SERVICE = field(Client.class, "service");
    private static final Field THREAD = field(ConnectionHandler.class, "thread");
    private static final Field CHANNEL = field(ConnectionHandler.class, "channel");

    /** One line instead of ttorrent's stack trace on the console; the watch revives the thread. */
    private static final Thread.UncaughtExceptionHandler QUIET = (thread, ex) -> log.info(
            "A peer's handshake stopped the seed's accept thread ({}); it is revived", ex.toString());

    private AcceptWatch() {
    }

    /** Before the client starts: its listening channel remembers what it accepted last. */
    static void guard(Client client) {
        if (SERVICE == null || THREAD == null || CHANNEL == null) {
            return;
        }
        try {
            ConnectionHandler handler = (ConnectionHandler) SERVICE.get(client);
            CHANNEL.set(handler, new LastAcceptedChannel((ServerSocketChannel) CHANNEL.get(handler)));
        }
        catch (IllegalAccessException | RuntimeException ex) {
            log.warn("Seed client not guarded against handshakes that stop it: {}", ex.toString());
        }
    }

    /** Revives every client whose accept thread died. */
    static void revive(Collection<Client> clients) {
        if (SERVICE == null || THREAD == null || CHANNEL == null) {
            return;
        }
        for (Client client : clients) {
            try {
                ConnectionHandler handler = (ConnectionHandler) SERVICE.get(client);
                Thread thread = (Thread) THREAD.get(handler);
                if (thread == null) {
                    continue;
                }
                if (thread.isAlive()) {
                    if (thread.getUncaughtExceptionHandler() != QUIET) {
                        thread.setUncaughtExceptionHandler(QUIET);
                    }
                    continue;
                }
                if (CHANNEL.get(handler) instanceof LastAcceptedChannel channel) {
                    channel.closeLast();
                }
                handler.start();
                log.info("Seed client {} accepts peers again after a handshake stopped it", client.getPeerSpec());
            }
            catch (IllegalAccessException | RuntimeException ex) {
                // A client that is stopping closed its handler; the seeder forgets it anyway.
                log.debug("Seed client not revived: {}", ex.toString());
            }
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        }
        catch (NoSuchFieldException | RuntimeException ex) {
            log.warn("This ttorrent has no {}.{}; a seeder whose accept thread dies stays dead: {}",
                    type.getSimpleName(), name, ex.toString());
            return null;
        }
    }
}
