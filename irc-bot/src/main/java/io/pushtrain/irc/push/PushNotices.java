package io.pushtrain.irc.push;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.pushtrain.irc.ConsoleLinks;
import io.pushtrain.irc.connection.IrcConnection;
import io.pushtrain.irc.identity.Identities;
import io.pushtrain.train.People;
import io.pushtrain.train.Person;
import io.pushtrain.train.PickConflicted;
import io.pushtrain.train.PickFailedTests;
import io.pushtrain.train.PickRegressedPerf;
import io.pushtrain.train.PickMerged;
import io.pushtrain.train.PushFinished;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushStarted;
import io.pushtrain.train.PushStepChanged;
import io.pushtrain.train.StepState;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the channels how a push goes: started, each step as it starts and ends (not every
 * progress tick), each pick merged or conflicted with its requester mentioned, and the end with
 * counts. Events are heard after their transaction commits, so the channel never hears of
 * something that was rolled back.
 */
@Component
class PushNotices {

    private final IrcConnection connection;
    private final Identities identities;
    private final People people;
    private final ConsoleLinks links;
    /** The last state announced per push and step: a progress report repeats RUNNING and is skipped. */
    private final Map<String, StepState> announced = new ConcurrentHashMap<>();

    PushNotices(IrcConnection connection, Identities identities, People people, ConsoleLinks links) {
        this.connection = connection;
        this.identities = identities;
        this.people = people;
        this.links = links;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void started(PushStarted push) {
        if (connection.isRunning()) {
            connection.announce("push " + push.push() + " of " + push.branch() + " started by " + push.by()
                    + (push.kind() == PushKind.RELEASE ? " (the weekly release push)"
                            : push.kind() == PushKind.EMERGENCY ? " (an emergency push of named picks, no presence wait)"
                            : "")
                    + " · "
                    + links.to("/pushes/" + push.push()));
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void stepChanged(PushStepChanged step) {
        if (!connection.isRunning() || step.state() == StepState.PENDING
                || announced.put(step.push() + "/" + step.step(), step.state()) == step.state()) {
            return;
        }
        String what = step.state() == StepState.RUNNING ? "started" : step.state().name().toLowerCase();
        String detail = step.state() == StepState.RUNNING || step.detail() == null ? "" : ": " + step.detail();
        connection.announce("push " + step.push() + " · " + step.step() + " " + what + detail + " ["
                + step.pushProgress() + "%]");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void merged(PickMerged pick) {
        if (connection.isRunning()) {
            connection.announce("push " + pick.push() + " · " + address(pick.requester()) + ": your pick #" + pick.pick()
                    + " (" + short10(pick.commit()) + ") merged as " + short10(pick.pickedCommit()));
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void conflicted(PickConflicted pick) {
        if (connection.isRunning()) {
            connection.announce("push " + pick.push() + " · " + address(pick.requester()) + ": your pick #" + pick.pick()
                    + " (" + short10(pick.commit()) + ") conflicts in " + String.join(", ", pick.paths())
                    + "; the push goes on without it");
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void failedTests(PickFailedTests pick) {
        if (connection.isRunning()) {
            connection.announce("push " + pick.push() + " · " + address(pick.requester()) + ": your pick #" + pick.pick()
                    + " (" + short10(pick.commit()) + ") broke " + String.join(", ", pick.tests())
                    + "; held back, the push goes on without it");
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void regressedPerf(PickRegressedPerf pick) {
        if (connection.isRunning()) {
            connection.announce("push " + pick.push() + " · " + address(pick.requester()) + ": your pick #" + pick.pick()
                    + " (" + short10(pick.commit()) + ") is slower: " + pick.verdicts()
                    + "; held back unless the release engineer accepts it");
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void finished(PushFinished push) {
        announced.keySet().removeIf(key -> key.startsWith(push.push() + "/"));
        if (connection.isRunning()) {
            connection.announce("push " + push.push() + " " + push.state().name().toLowerCase() + ": " + push.shipped()
                    + " shipped, " + push.deferred() + " deferred, " + push.conflicted() + " conflicted, "
                    + push.failed() + " failed" + (push.detail() == null ? "" : " — " + push.detail()) + " · "
                    + links.to("/pushes/" + push.push()));
        }
    }

    private String address(String person) {
        return identities.nickOf(person).orElseGet(() -> identities.addressOf(person,
                people.find(person).map(Person::ircAccount).orElse(null)));
    }

    private static String short10(String sha) {
        return sha == null ? "?" : sha.length() > 10 ? sha.substring(0, 10) : sha;
    }
}
