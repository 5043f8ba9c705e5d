package io.pushtrain.server.distribution;

import java.net.URI;

import javax.sql.DataSource;

import io.pushtrain.distribution.DistributionProperties;
import io.pushtrain.distribution.HostView;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.tracker.EmbeddedTracker;
import io.pushtrain.distribution.tracker.PeerRacks;
import io.pushtrain.distribution.tracker.TrackerSwarm;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A second push-server node's tracker on the test database, wired as the server wires its own:
 * its own port, the same hosts and racks. Started and in the swarm when made.
 */
final class DyingNode implements AutoCloseable {

    private final EmbeddedTracker tracker;
    private final TrackerSwarm swarm;

    DyingNode(ApplicationContext context) {
        DistributionProperties properties = context.getBean(DistributionProperties.class);
        Hosts hosts = context.getBean(Hosts.class);
        tracker = new EmbeddedTracker(properties, context.getBean(PeerRacks.class),
                key -> hosts.byTrackerKey(key).map(HostView::name));
        swarm = new TrackerSwarm(tracker, context.getBean(DataSource.class),
                context.getBean(PlatformTransactionManager.class), properties);
        tracker.start();
        swarm.start();
    }

    EmbeddedTracker tracker() {
        return tracker;
    }

    URI announceUrl() {
        return tracker.announceUrl();
    }

    /** The node's tracker dies: its port is closed, and a host that tries it first gets no answer. */
    void crash() {
        tracker.close();
    }

    /** The rest of the node stops too: it leaves the swarm. */
    @Override
    public void close() {
        swarm.stop();
        tracker.close();
    }
}
