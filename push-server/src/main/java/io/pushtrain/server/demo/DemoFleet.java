package io.pushtrain.server.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pushtrain.agent.AgentOptions;
import io.pushtrain.agent.HostAgent;
import io.pushtrain.distribution.BuildKeys;
import io.pushtrain.distribution.DistributionProperties;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.ServerKey;
import io.pushtrain.distribution.NewHost;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The demo's fleet: six host agents in this JVM, two per tier (dogfood, canary, prod) in three
 * racks, each on a loopback address of its own (Linux routes all of 127/8 to lo), so the demo's
 * push visibly reaches hosts on the Distribution page and in {@code /api/hosts}. They sign in as
 * {@code demo-fleet} (role HOST) and keep their releases under {@code <data-dir>/demo-hosts/<name>}.
 */
@Component
@Conditional(DemoModeCondition.class)
class DemoFleet {

    private static final Logger log = LoggerFactory.getLogger(DemoFleet.class);
    static final String PERSON = "demo-fleet";

    private final BuildKeys keys;

    /** name, rack, tier and address of each demo host: every tier in two racks. */
    record DemoHost(String name, String rack, String tier, String address) {
    }

    static final List<DemoHost> HOSTS = List.of(
            new DemoHost("web-1", "demo-rack-1", "dogfood", "127.0.41.1"),
            new DemoHost("web-2", "demo-rack-1", "canary", "127.0.41.2"),
            new DemoHost("web-3", "demo-rack-2", "prod", "127.0.42.1"),
            new DemoHost("web-4", "demo-rack-2", "dogfood", "127.0.42.2"),
            new DemoHost("web-5", "demo-rack-3", "canary", "127.0.43.1"),
            new DemoHost("web-6", "demo-rack-3", "prod", "127.0.43.2"));

    /** The racks of the demo hosts' addresses, as {@code pushtrain.racks} would give them. */
    static final Map<String, String> RACKS = Map.of(
            "pushtrain.racks.demo-rack-1", "127.0.41.0/24",
            "pushtrain.racks.demo-rack-2", "127.0.42.0/24",
            "pushtrain.racks.demo-rack-3", "127.0.43.0/24");

    /** Each demo host's health check after a switch: the release unpacked into something, said in one line. */
    static final String HEALTH_CHECK = "test -n \"$(ls)\" && echo \"healthy: $PUSHTRAIN_RELEASE unpacked on $(hostname)\"";

    /** The demo's bake between tiers: short, so a newcomer sees the rollout wait on the push page. */
    static final String BAKE = "10s";

    /** How long the server's shutdown waits for the demo agents to tell the tracker they leave. */
    static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final People people;
    private final Hosts hosts;
    private final DistributionProperties properties;
    private final List<HostAgent> agents = new ArrayList<>();

    DemoFleet(People people, Hosts hosts, DistributionProperties properties, BuildKeys keys) {
        this.keys = keys;
        this.people = people;
        this.hosts = hosts;
        this.properties = properties;
    }

    /** Once the server answers: the agents register with it and follow their tier's desired build. */
    @EventListener(ApplicationReadyEvent.class)
    synchronized void start(ApplicationReadyEvent ready) {
        String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port",
                ready.getApplicationContext().getEnvironment().getProperty("server.port", "8080"));
        URI server = URI.create("http://127.0.0.1:" + port);
        if (people.find(PERSON).isEmpty()) {
            people.create(new NewPerson(PERSON, Set.of(Role.HOST), null, null));
        }
        Path root = properties.dataDir().resolve("demo-hosts").toAbsolutePath().normalize();
        for (DemoHost host : HOSTS) {
            // A HOST token acts as one host: each agent gets its own, and the server hands the host over
            // to it (the tokens of the last run are not kept anywhere).
            hosts.register(new NewHost(host.name(), host.rack(), host.tier(), host.address()));
            String token = people.issueToken(PERSON, "demo host " + host.name());
            try {
                Path dir = Files.createDirectories(root.resolve(host.name()));
                HostAgent agent = new HostAgent(AgentOptions.of(server, token, host.rack(), host.tier(), dir)
                    .withName(host.name()).withAddress(InetAddress.getByName(host.address()))
                    .withPoll(Duration.ofSeconds(2)).withKeep(2).withPostSwitch(HEALTH_CHECK)
                    .withServerKeys(keys.keys().stream().map(ServerKey::publicKey).toList()));
                agent.start();
                agents.add(agent);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("cannot start demo host " + host.name() + " in " + root, ex);
            }
        }
        log.info("Demo fleet: {} host agents in 3 racks follow dogfood, canary and prod (releases in {});"
                + " dogfood and canary bake {} s each before the next tier", agents.size(), root,
                properties.distribution().bakeOf("dogfood").toSeconds());
    }

    /**
     * Before the server stops answering them, all at once and for at most {@link #STOP_WAIT}: a torrent
     * client's stop can hang on a peer, and one stuck demo host must not hold the server's shutdown.
     */
    @EventListener(ContextClosedEvent.class)
    synchronized void stop() {
        List<Thread> stopping = agents.stream().map(DemoFleet::closing).toList();
        agents.clear();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        long left = stopping.stream().filter(thread -> !joined(thread, deadline)).count();
        if (left > 0) {
            log.info("Demo fleet: {} of {} host agents still stopping after {}; the server stops without them "
                    + "(their releases stay on disk)", left, stopping.size(), STOP_WAIT.toSeconds() + " s");
        }
    }

    private static Thread closing(HostAgent agent) {
        Thread thread = new Thread(agent::close, "demo-host-stop");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static boolean joined(Thread thread, long deadlineNanos) {
        try {
            thread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
            return !thread.isAlive();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Demo mode's defaults: {@code pushtrain.racks} for the loopback blocks of its hosts (unless racks
     * are configured), so the tracker hands each demo host its rack neighbours first, 127.0.0.1 as
     * the tracker's trusted proxy, ttorrent's log level, and a short bake after dogfood and canary (unless
     * the tiers are configured). Configuration of one's own wins: these come last.
     */
    public static class Racks implements EnvironmentPostProcessor {

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            boolean demo = environment.getProperty("pushtrain.demo", Boolean.class, true)
                    && !StringUtils.hasText(environment.getProperty("pushtrain.trunk.remote"));
            boolean configured = environment.getPropertySources().stream()
                .filter(source -> source instanceof EnumerablePropertySource<?>)
                .flatMap(source -> Arrays.stream(((EnumerablePropertySource<?>) source).getPropertyNames()))
                .anyMatch(name -> name.startsWith("pushtrain.racks.") || name.startsWith("PUSHTRAIN_RACKS_"));
            if (!demo) {
                return;
            }
            Map<String, Object> defaults = new HashMap<>();
            if (!configured) {
                defaults.putAll(RACKS);
            }
            // ttorrent's INFO lines from six agents and the seeder would bury the demo's log; the agent's own
            // lines stay (host-agent.md: the library speaks only for errors).
            defaults.put("logging.level.com.turn.ttorrent", "error");
            // The demo agents' torrent clients announce from 127.0.0.1 and name their loopback alias in ip=;
            // the tracker believes ip= only from a trusted proxy, and in the demo that is this very machine.
            defaults.put("pushtrain.tracker.trusted-proxies", "127.0.0.1");
            // Gates between tiers: a short bake after dogfood and canary, visible on the push page.
            if (!StringUtils.hasText(environment.getProperty("pushtrain.distribution.tiers"))
                    && !StringUtils.hasText(environment.getProperty("pushtrain.distribution.tiers[0]"))) {
                defaults.put("pushtrain.distribution.bake.dogfood", BAKE);
                defaults.put("pushtrain.distribution.bake.canary", BAKE);
            }
            environment.getPropertySources().addLast(new MapPropertySource("pushtrain-demo-fleet", defaults));
        }
    }
}
