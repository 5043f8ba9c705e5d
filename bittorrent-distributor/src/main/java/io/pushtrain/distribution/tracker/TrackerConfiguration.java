package io.pushtrain.distribution.tracker;

import java.time.Clock;

import javax.sql.DataSource;

import io.pushtrain.distribution.DistributionProperties;
import io.pushtrain.distribution.HostView;
import io.pushtrain.distribution.Hosts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The tracker, the rack map it asks, and the swarm of all nodes' trackers it shares its peers with. */
@Configuration(proxyBeanMethods = false)
class TrackerConfiguration {

    @Bean
    PeerRacks peerRacks(DistributionProperties properties, Hosts hosts) {
        return new PeerRacks(properties.racks(), hosts::rackOfAddress, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    EmbeddedTracker embeddedTracker(DistributionProperties properties, PeerRacks racks, Hosts hosts) {
        return new EmbeddedTracker(properties, racks, key -> hosts.byTrackerKey(key).map(HostView::name));
    }

    @Bean
    TrackerSwarm trackerSwarm(EmbeddedTracker tracker, DataSource dataSource, PlatformTransactionManager transactions,
            DistributionProperties properties) {
        return new TrackerSwarm(tracker, dataSource, transactions, properties);
    }
}
