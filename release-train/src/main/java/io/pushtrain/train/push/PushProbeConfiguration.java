package io.pushtrain.train.push;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PushProbeConfiguration {

    /**
     * Production does nothing at a probe point, unless a take-over drill is configured:
     * {@code pushtrain.push.drill.hold-at} names points ("merge:started", "land:branch-moved")
     * where a push holds for {@code pushtrain.push.drill.hold-for}, long enough to kill its node
     * there and watch another node finish it.
     */
    @Bean
    @ConditionalOnMissingBean
    PushProbe pushProbe(@Value("${pushtrain.push.drill.hold-at:}") List<String> holdAt,
            @Value("${pushtrain.push.drill.hold-for:5s}") Duration holdFor) {
        Set<String> points = Set.copyOf(holdAt.stream().map(String::strip).filter(p -> !p.isEmpty()).toList());
        return points.isEmpty() ? PushProbe.NONE : new DrillProbe(points, holdFor);
    }

    /** Holds once per point in this process: a step that waits reaches its start point every tick. */
    static final class DrillProbe implements PushProbe {

        private static final Logger log = LoggerFactory.getLogger(DrillProbe.class);

        private final Set<String> points;
        private final Duration holdFor;
        private final Set<String> held = ConcurrentHashMap.newKeySet();

        DrillProbe(Set<String> points, Duration holdFor) {
            this.points = points;
            this.holdFor = holdFor;
            log.warn("Take-over drill: pushes hold for {} at {} (pushtrain.push.drill.hold-at)", holdFor, points);
        }

        @Override
        public void reached(String point) {
            if (!points.contains(point) || !held.add(point)) {
                return;
            }
            log.warn("Take-over drill: holding the push at {} for {}", point, holdFor);
            try {
                Thread.sleep(holdFor.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
