package io.pushtrain.benchmarks.distribution;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.turn.ttorrent.client.Client;
import com.turn.ttorrent.client.peer.SharingPeer;

import io.pushtrain.agent.HostAgent;

/**
 * Which BitTorrent client holds which TCP socket: for every agent (and the seeder), the local and
 * remote address of each peer connection its ttorrent {@link Client} has open, as
 * {@code "local ip:port>remote ip:port"} to the client's own address. Read by reflection (HostAgent ->
 * its Convergence -> the downloading and seeding TorrentSession -> Client -> SharingPeer's PeerExchange
 * -> SocketChannel), because the agent exposes no per-peer counters and ttorrent 1.5 does not bind its
 * outgoing connections to the client's address; it only reads, on the sampling thread.
 */
final class FleetPeerSockets {

    private final List<HostAgent> agents;
    private final List<String> addresses;

    FleetPeerSockets(List<HostAgent> agents, List<String> addresses) {
        this.agents = agents;
        this.addresses = addresses;
    }

    Map<String, String> owners() {
        Map<String, String> owners = new HashMap<>();
        for (int i = 0; i < agents.size(); i++) {
            for (Client client : clientsOf(agents.get(i))) {
                add(owners, client, addresses.get(i));
            }
        }
        return owners;
    }

    private static void add(Map<String, String> owners, Client client, String owner) {
        for (SharingPeer peer : new ArrayList<>(client.getPeers())) {
            try {
                Object exchange = field(peer, "exchange");
                SocketChannel channel = exchange == null ? null : (SocketChannel) field(exchange, "channel");
                if (channel == null || !channel.isConnected()) {
                    continue;
                }
                InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
                InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
                owners.put(text(local) + ">" + text(remote), owner);
            } catch (Exception e) {
                // closed while we looked: the next sample sees what is open then
            }
        }
    }

    private static String text(InetSocketAddress address) {
        return address.getAddress().getHostAddress().replace("::ffff:", "") + ":" + address.getPort();
    }

    private static List<Client> clientsOf(HostAgent agent) {
        List<Client> clients = new ArrayList<>();
        try {
            Object convergence = fieldOfType(agent, "Convergence");
            if (convergence == null) {
                return clients;
            }
            for (Field f : convergence.getClass().getDeclaredFields()) {
                if (f.getType().getSimpleName().equals("TorrentSession")) {
                    f.setAccessible(true);
                    Object session = f.get(convergence);
                    if (session != null) {
                        Object client = fieldOfType(session, "Client");
                        if (client instanceof Client c) {
                            clients.add(c);
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the host agent's fields changed: " + e, e);
        }
        return clients;
    }

    private static Object fieldOfType(Object target, String simpleName) throws ReflectiveOperationException {
        for (Field f : target.getClass().getDeclaredFields()) {
            if (f.getType().getSimpleName().equals(simpleName)) {
                f.setAccessible(true);
                return f.get(target);
            }
        }
        return null;
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Class<?> type = target.getClass();
        while (type != null) {
            try {
                Field f = type.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                type = type.getSuperclass();
            }
        }
        throw new NoSuchFieldException(name);
    }
}
