package io.pushtrain.irc.push;

import io.pushtrain.distribution.RolloutHalted;
import io.pushtrain.irc.ConsoleLinks;
import io.pushtrain.irc.connection.IrcConnection;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the channels when a tier's health gate stops a rollout by itself, and why: the release
 * engineer hears of it in the channel, not only when they next open the push page. The push's own
 * step notices say nothing here, since the distribute step is waiting before and after.
 */
@Component
class RolloutNotices {

    private final IrcConnection connection;
    private final ConsoleLinks links;

    RolloutNotices(IrcConnection connection, ConsoleLinks links) {
        this.connection = connection;
        this.links = links;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void halted(RolloutHalted halted) {
        if (!connection.isRunning()) {
            return;
        }
        String rollout = "rollout " + halted.rollout() + " of " + halted.artifactId();
        connection.announce(halted.push() == null ? rollout + " " + halted.reason()
                : "push " + halted.push() + " · " + rollout + " " + halted.reason() + " · "
                        + links.to("/pushes/" + halted.push()));
    }
}
