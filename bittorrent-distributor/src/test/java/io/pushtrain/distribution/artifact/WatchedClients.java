package io.pushtrain.distribution.artifact;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.turn.ttorrent.client.Client;
import com.turn.ttorrent.client.SharedTorrent;

/** ttorrent clients for tests, kept accepting peers the way the server's seeder is ({@link AcceptWatch}). */
public final class WatchedClients {

    private static final List<Client> clients = new CopyOnWriteArrayList<>();
    private static final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "test-seed-watch");
        thread.setDaemon(true);
        return thread;
    });

    static {
        watch.scheduleWithFixedDelay(() -> AcceptWatch.revive(clients), 200, 200, TimeUnit.MILLISECONDS);
    }

    private WatchedClients() {
    }

    /** A client sharing the torrent from {@code address}, started. */
    public static Client share(InetAddress address, SharedTorrent torrent) throws IOException {
        Client client = new Client(address, torrent);
        AcceptWatch.guard(client);
        clients.add(client);
        client.share(-1);
        return client;
    }

    public static void stop(Client client) {
        clients.remove(client);
        client.stop(true);
    }
}
