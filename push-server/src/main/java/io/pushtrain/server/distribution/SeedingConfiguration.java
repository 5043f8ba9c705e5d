package io.pushtrain.server.distribution;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;

import io.pushtrain.agent.PeerEngine;
import io.pushtrain.distribution.SeedEngine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server seeds with the host agent's BitTorrent engine, the one every host runs
 * ({@code -Dpushtrain.agent.engine}, see {@link PeerEngine}), not with an engine of its own.
 */
@Configuration(proxyBeanMethods = false)
class SeedingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SeedingConfiguration.class);

    @Bean
    SeedEngine seedEngine() {
        PeerEngine engine = PeerEngine.configured();
        log.info("The server seeds with the host agent's {} engine", engine.name().toLowerCase(Locale.ROOT));
        return new AgentSeeds(engine);
    }

    /** Seeds on the agent's engine at full speed: the server's upload is what the first copy per rack comes from. */
    record AgentSeeds(PeerEngine engine) implements SeedEngine {

        @Override
        public Seed seed(byte[] torrent, Path dir, InetAddress address) throws IOException {
            PeerEngine.Seed seed = engine.seed(torrent, dir, address, 0);
            InetSocketAddress listening = new InetSocketAddress(address, seed.port());
            return new Seed() {
                @Override
                public InetSocketAddress address() {
                    return listening;
                }

                @Override
                public long uploaded() {
                    return seed.uploaded();
                }

                @Override
                public void close() {
                    seed.close();
                }
            };
        }
    }
}
