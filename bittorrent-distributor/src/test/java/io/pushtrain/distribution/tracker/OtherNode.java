package io.pushtrain.distribution.tracker;

import java.net.URI;

import javax.sql.DataSource;

import io.pushtrain.distribution.DistributionProperties;
import io.pushtrain.distribution.HostView;
import io.pushtrain.distribution.Hosts;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A second push-server node's tracker on the test database: its own port, the same hosts and rack
 * map, wired as {@link TrackerConfiguration} wires the server's. Started and in the swarm when made.
 */
public final class OtherNode implements AutoCloseable {

    private final EmbeddedTracker tracker;
    private final TrackerSwarm swarm;

    public OtherNode(ApplicationContext context) {
        DistributionProperties properties = context.getBean(DistributionProperties.class);
        Hosts hosts = context.getBean(Hosts.class);
        tracker = new EmbeddedTracker(properties, context.getBean(PeerRacks.class),
                key -> hosts.byTrackerKey(key).map(HostView::name));
        swarm = new TrackerSwarm(tracker, context.getBean(DataSource.class),
                context.getBean(PlatformTransactionManager.class), properties);
        tracker.start();
        swarm.start();
    }

    public EmbeddedTracker tracker() {
        return tracker;
    }

    public TrackerSwarm swarm() {
        return swarm;
    }

    public URI announceUrl() {
        return tracker.announceUrl();
    }

    /** The node dies: its tracker's port is closed and it never beats again, nor says goodbye. */
    public void crash() {
        swarm.crash();
        tracker.close();
    }

    /** The node stops cleanly: it leaves the swarm at once. */
    @Override
    public void close() {
        swarm.stop();
        tracker.close();
    }
}
