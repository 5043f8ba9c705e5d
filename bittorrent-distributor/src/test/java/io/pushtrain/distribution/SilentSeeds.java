package io.pushtrain.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The seed engine of this module's tests: each seed holds a port on the seed address and answers no
 * one. Real seeding (the host agent's engine, aria2c) is tested in push-server, which wires the engine.
 * {@code test.seed-engine=none} leaves it out, as an application without an engine.
 */
@Component
@ConditionalOnProperty(name = "test.seed-engine", havingValue = "silent", matchIfMissing = true)
class SilentSeeds implements SeedEngine {

    @Override
    public Seed seed(byte[] torrent, Path dir, InetAddress address) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, address);
        return new Seed() {
            @Override
            public InetSocketAddress address() {
                return new InetSocketAddress(address, socket.getLocalPort());
            }

            @Override
            public long uploaded() {
                return 0;
            }

            @Override
            public void close() {
                try {
                    socket.close();
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        };
    }
}
