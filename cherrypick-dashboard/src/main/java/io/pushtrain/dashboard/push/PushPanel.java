package io.pushtrain.dashboard.push;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;
import io.pushtrain.train.PushState;
import io.pushtrain.train.PushView;
import io.pushtrain.train.StepState;
import io.pushtrain.train.StepView;

/** Today's push as the page shows it: steps with progress, picks with their fate, and who showed up. */
public record PushPanel(PushView push, List<StepRow> steps, List<PickRow> picks, List<PresenceRow> presence,
        Instant deadline, boolean waitingForPresence, boolean running) {

    /** One step: its bar, its words, how long it took. */
    public record StepRow(String name, StepState state, int progress, String detail, String took) {
    }

    /** One pick of the push and what became of it. */
    public record PickRow(long id, String commit, String subject, String requester, PickState state, String detail) {

        public String shortCommit() {
            return commit.substring(0, Math.min(10, commit.length()));
        }
    }

    /** Whether a requester answered the presence ping. */
    public record PresenceRow(String requester, List<Long> picks, String status) {

        public boolean confirmed() {
            return status.equals("confirmed");
        }
    }

    static Optional<PushPanel> of(Optional<PushView> push, Map<Long, PickView> picksById, Instant now) {
        return push.map(p -> of(p, picksById, now));
    }

    static PushPanel of(PushView push, Map<Long, PickView> picksById, Instant now) {
        List<StepRow> steps = push.steps().stream().map(s -> new StepRow(s.name(), s.state(), shownProgress(s),
                s.detail(), took(s, now))).toList();
        List<PickRow> picks = push.picks().stream().map(p -> new PickRow(p.id(), p.commit(),
                Optional.ofNullable(picksById.get(p.id())).map(PickView::subject).orElse(""), p.requester(),
                p.state(), p.detail())).toList();
        StepState presenceStep = push.steps().stream().filter(s -> s.name().equals("presence")).map(StepView::state)
            .findFirst().orElse(StepState.PENDING);
        boolean waiting = presenceStep == StepState.RUNNING && push.presenceDeadline() != null;
        return new PushPanel(push, steps, picks, presence(push, presenceStep), push.presenceDeadline(), waiting,
                push.state() == PushState.RUNNING);
    }

    private static int shownProgress(StepView step) {
        return step.state() == StepState.DONE || step.state() == StepState.SKIPPED ? 100 : step.progress();
    }

    private static List<PresenceRow> presence(PushView push, StepState presenceStep) {
        if (presenceStep == StepState.PENDING) {
            return List.of();
        }
        Map<String, List<PushView.PushPickView>> byRequester = new LinkedHashMap<>();
        push.picks().forEach(p -> byRequester.computeIfAbsent(p.requester(), r -> new ArrayList<>()).add(p));
        return byRequester.entrySet().stream().map(e -> new PresenceRow(e.getKey(),
                e.getValue().stream().map(PushView.PushPickView::id).toList(), status(e.getValue(), presenceStep)))
            .toList();
    }

    private static String status(List<PushView.PushPickView> picks, StepState presenceStep) {
        List<PushView.PushPickView> absent = picks.stream()
            .filter(p -> p.state() == PickState.DEFERRED || p.state() == PickState.APPROVED).toList();
        if (absent.isEmpty()) {
            return "confirmed";
        }
        boolean waiting = absent.stream().anyMatch(p -> p.state() == PickState.APPROVED);
        if (!waiting && absent.stream().allMatch(PushPanel::skipped)) {
            return "skipped";
        }
        return presenceStep.isFinished() ? "did not show up" : "waiting";
    }

    /** The release engineer skipped its requester: the outcome PushPicks.skip records says so. */
    private static boolean skipped(PushView.PushPickView pick) {
        return pick.detail() != null && pick.detail().startsWith("skipped by ");
    }

    private static String took(StepView step, Instant now) {
        if (step.startedAt() == null) {
            return "";
        }
        Duration took = Duration.between(step.startedAt(), step.endedAt() == null ? now : step.endedAt());
        return Durations.words(took);
    }
}
