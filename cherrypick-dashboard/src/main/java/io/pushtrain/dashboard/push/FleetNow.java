package io.pushtrain.dashboard.push;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.pushtrain.distribution.HostView;
import io.pushtrain.distribution.RolloutState;

/**
 * What the fleet runs now, against a push's build: "4 of 6 hosts run push-26; 2 run push-25".
 * After a rollback the push's own step still reads "runs on every host"; this says what is true.
 *
 * @param rolledBack the rollout of the push's build was rolled back
 * @param running how many hosts run the push's build
 * @param others how many hosts run each other build (or none yet)
 */
public record FleetNow(String artifact, boolean rolledBack, long hosts, long running, Map<String, Long> others) {

    static FleetNow of(String artifact, RolloutState rollout, List<HostView> fleet) {
        long running = fleet.stream().filter(h -> artifact.equals(h.version())).count();
        Map<String, Long> others = fleet.stream().filter(h -> !artifact.equals(h.version()))
            .collect(Collectors.groupingBy(h -> Objects.requireNonNullElse(h.version(), "nothing yet"), TreeMap::new,
                    Collectors.counting()));
        return new FleetNow(artifact, rollout == RolloutState.ROLLED_BACK, fleet.size(), running, others);
    }

    /** One sentence for the panel. */
    public String words() {
        String now = hosts == 0 ? "No hosts are registered yet." : counts();
        return rolledBack ? "Rolled back: " + now : now;
    }

    private String counts() {
        String theRest = others.entrySet().stream().map(e -> e.getValue() + " run " + e.getKey())
            .collect(Collectors.joining(", "));
        return running == hosts ? "All " + hosts + " hosts run " + artifact + "."
                : running + " of " + hosts + " hosts run " + artifact + (theRest.isEmpty() ? "." : "; " + theRest + ".");
    }
}
