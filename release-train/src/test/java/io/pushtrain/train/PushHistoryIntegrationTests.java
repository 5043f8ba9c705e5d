package io.pushtrain.train;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.pushtrain.testsupport.TestTrunk;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A team's pushes from before pushtrain, recorded: they show in the history with their own times
 * and outcomes, the current train, its queue and the newest push stay as they were, nothing is
 * announced, and input that does not add up is refused without writing anything.
 */
@DirtiesContext
@RecordApplicationEvents
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(properties = { "pushtrain.schedule.enabled=false", "pushtrain.push.tick=200ms" })
class PushHistoryIntegrationTests {

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId shipped;
    static ObjectId conflicted;
    static ObjectId deferredThenMerged;
    static ObjectId failedTests;
    static ObjectId refused;
    static ObjectId leftDeferred;
    static ObjectId queued;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("push-history");
        base = remote.commit("ann", "Start the app", Map.of("a.txt", "a\n", "b.txt", "b\n", "c.txt", "c\n"));
        shipped = remote.commit("ann", "Fix the login page", Map.of("a.txt", "a fixed\n"));
        conflicted = remote.commit("ann", "Colour the button", Map.of("b.txt", "b blue\n"));
        deferredThenMerged = remote.commit("ann", "Tune the cache", Map.of("c.txt", "c tuned\n"));
        failedTests = remote.commit("ann", "Speed up the feed", Map.of("d.txt", "d\n"));
        refused = remote.commit("ann", "Drop the old client", Map.of("e.txt", "e\n"));
        leftDeferred = remote.commit("ann", "Log the retries", Map.of("f.txt", "f\n"));
        queued = remote.commit("ann", "Shorten the timeout", Map.of("g.txt", "g\n"));
        remote.serveTo(registry);
    }

    @AfterAll
    static void closeRemote() {
        remote.close();
    }

    @Autowired
    PushHistory history;

    @Autowired
    Trains trains;

    @Autowired
    Picks picks;

    @Autowired
    Pushes pushes;

    @Autowired
    People people;

    @Autowired
    Revisions revisions;

    @Autowired
    ApplicationEvents events;

    @Autowired
    io.pushtrain.karma.RiskAssessor risks;

    final String dev = unique("hana");
    final String other = unique("ivo");
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    final Instant cut = now.minus(Duration.ofDays(24));
    TrainView current;
    PickView waiting;
    PushView running;

    /** The current train, a pick in its queue and a push of it waiting for its requester. */
    @BeforeAll
    void aCurrentTrainWithAQueueAndARunningPush() {
        people.create(new NewPerson(dev, Set.of(Role.DEVELOPER), null, null));
        people.create(new NewPerson(other, Set.of(Role.DEVELOPER), null, null));
        current = trains.cut(base.name(), "rita", true);
        waiting = picks.request(new PickRequest(queued.name(), "the launch is on Thursday", null, dev)).pick();
        picks.approve(waiting.id(), "rita", null);
        running = pushes.start(current.id(), PushKind.PICKS, "rita");
        await().atMost(Duration.ofSeconds(30)).until(() -> pushes.get(running.id()).steps().stream()
            .anyMatch(s -> s.name().equals("presence") && s.state() == StepState.RUNNING));
    }

    /** The running push goes on as if nothing was recorded meanwhile, and ends before the next test class. */
    @AfterAll
    void theRunningPushFinishes() {
        picks.confirm(waiting.id(), dev);
        assertThat(await().atMost(Duration.ofSeconds(60)).until(() -> pushes.get(running.id()),
                p -> p.state() != PushState.RUNNING).state()).isEqualTo(PushState.DONE);
        assertThat(picks.get(waiting.id()).state()).isEqualTo(PickState.SHIPPED);
    }

    /** Measured before: the demo recorded 223 merged picks, and risk said "only 9 recent picks to compare with". */
    @Test
    void recordedPicksAreRecentPicksThatRiskComparesNewRequestsWith() {
        io.pushtrain.karma.PickSample probe = new io.pushtrain.karma.PickSample("probe-" + UUID.randomUUID(), 3, 1, 0);
        int before = risks.assess(probe).comparedWith();
        String branch = unique("release/2026-10-11");
        history.record(new PastTrain(branch, base.name(), cut, "rita", List.of(
                push(PushKind.PICKS, 3, 11, 30, PushState.DONE, pick(dev, shipped, PickState.SHIPPED),
                        pick(other, conflicted, PickState.CONFLICT)),
                push(PushKind.PICKS, 4, 11, 30, PushState.DONE, pick(dev, failedTests, PickState.SHIPPED)))));
        assertThat(risks.assess(probe).comparedWith()).as("three recorded picks join the recent picks")
            .isEqualTo(before + 3);
    }

    @Test
    void recordedPushesShowInTheHistoryWithTheirTimesAndOutcomesAndLeaveTheCurrentTrainAlone() {
        String branch = unique("release/2026-10-04");
        List<PickView> queue = picks.queue();
        events.clear();

        TrainView recorded = history.record(new PastTrain(branch, base.name().substring(0, 10), cut, "rita", List.of(
                push(PushKind.PICKS, 3, 11, 62, PushState.DONE,
                        pick(dev, shipped, PickState.SHIPPED), pick(other, conflicted, PickState.CONFLICT),
                        pick(other, deferredThenMerged, PickState.DEFERRED), pick(dev, failedTests, PickState.FAILED_TESTS),
                        pick(other, refused, PickState.REFUSED_KARMA)),
                push(PushKind.RELEASE, 2, 10, 25, PushState.DONE),
                push(PushKind.PICKS, 3, 16, 40, PushState.FAILED,
                        pick(other, deferredThenMerged, PickState.MERGED), pick(dev, leftDeferred, PickState.DEFERRED)))));

        assertThat(recorded.branch()).isEqualTo(branch);
        assertThat(recorded.state()).isEqualTo(TrainState.CLOSED);
        assertThat(recorded.cutAt()).isEqualTo(cut);
        assertThat(recorded.cutCommit()).isEqualTo(base.name());
        assertThat(trains.current()).contains(trains.get(current.id()));
        assertThat(trains.all().get(0).id()).isEqualTo(current.id());
        assertThat(picks.queue()).isEqualTo(queue);
        assertThat(pushes.latest()).hasValueSatisfying(p -> {
            assertThat(p.id()).as("the dashboard still opens on the running push").isEqualTo(running.id());
            assertThat(p.state()).isEqualTo(PushState.RUNNING);
        });
        assertThat(events.stream().map(e -> e instanceof PayloadApplicationEvent<?> p ? p.getPayload() : e)
            .filter(e -> e.getClass().getPackageName().startsWith("io.pushtrain"))).as("nothing announced").isEmpty();

        List<PushSummary> rows = pushes.history(cut).stream().filter(p -> p.branch().equals(branch)).toList();
        assertThat(rows).extracting(PushSummary::kind, PushSummary::state, PushSummary::createdAt, PushSummary::endedAt)
            .containsExactly(
                    org.assertj.core.groups.Tuple.tuple(PushKind.PICKS, PushState.FAILED, at(3, 16), at(3, 16).plus(Duration.ofMinutes(40))),
                    org.assertj.core.groups.Tuple.tuple(PushKind.PICKS, PushState.DONE, at(3, 11), at(3, 11).plus(Duration.ofMinutes(62))),
                    org.assertj.core.groups.Tuple.tuple(PushKind.RELEASE, PushState.DONE, at(2, 10), at(2, 10).plus(Duration.ofMinutes(25))));
        PushSummary first = rows.get(1);
        assertThat(List.of(first.picks(), first.merged(), first.deferred(), first.conflicted(), first.failed()))
            .as("the pick refused for karma never joined the push").containsExactly(4, 1, 1, 1, 1);
        assertThat(first.duration()).isEqualTo(Duration.ofMinutes(62));
        assertThat(List.of(rows.get(0).picks(), rows.get(0).merged(), rows.get(0).deferred()))
            .as("the failed push handed its merged pick back: nothing of it landed").containsExactly(2, 0, 1);

        PushView done = pushes.get(first.id());
        assertThat(done.steps()).allSatisfy(step -> {
            assertThat(step.state().isFinished()).isTrue();
            assertThat(step.startedAt()).isBetween(first.createdAt(), first.endedAt());
            assertThat(step.endedAt()).isBetween(first.createdAt(), first.endedAt());
        });
        assertThat(done.steps()).filteredOn(s -> s.name().equals("presence")).singleElement()
            .satisfies(s -> assertThat(s.detail()).contains("3 confirmed, 1 deferred").contains(other + " did not show up"));
        assertThat(done.picks()).extracting(PushView.PushPickView::commit)
            .containsExactly(shipped.name(), conflicted.name(), deferredThenMerged.name(), failedTests.name());

        PushView failed = pushes.get(rows.get(0).id());
        assertThat(failed.steps()).extracting(StepView::state).contains(StepState.FAILED).doesNotContain(StepState.PENDING,
                StepState.RUNNING);
        assertThat(failed.steps()).filteredOn(s -> s.state() == StepState.FAILED).extracting(StepView::name,
                StepView::detail).containsExactly(org.assertj.core.groups.Tuple.tuple("build", "build failed: exit 2"));
        assertThat(failed.steps().get(failed.steps().size() - 1).state()).isEqualTo(StepState.SKIPPED);

        List<PickView> onTrain = picks.list(recorded.id(), null);
        assertThat(onTrain).extracting(PickView::commit, PickView::state).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(shipped.name(), PickState.SHIPPED),
                org.assertj.core.groups.Tuple.tuple(conflicted.name(), PickState.CONFLICT),
                org.assertj.core.groups.Tuple.tuple(deferredThenMerged.name(), PickState.WITHDRAWN),
                org.assertj.core.groups.Tuple.tuple(failedTests.name(), PickState.FAILED_TESTS),
                org.assertj.core.groups.Tuple.tuple(refused.name(), PickState.REFUSED_KARMA),
                org.assertj.core.groups.Tuple.tuple(leftDeferred.name(), PickState.WITHDRAWN));
        assertThat(onTrain).filteredOn(p -> p.commit().equals(shipped.name())).singleElement().satisfies(p -> {
            assertThat(p.requestedAt()).isEqualTo(at(3, 11));
            assertThat(p.subject()).isEqualTo("Fix the login page");
            assertThat(p.filesChanged()).isEqualTo(1);
        });
        assertThat(revisions.where(shipped.name()).picks()).extracting(PickView::train).contains(recorded.id());

        assertThatThrownBy(() -> history.record(new PastTrain(branch, base.name(), cut, "rita", List.of())))
            .isInstanceOf(TrainException.Refused.class).hasMessageContaining("train already");
    }

    @Test
    void inputThatDoesNotAddUpIsRefusedAndNothingIsWritten() {
        String branch = unique("release/2026-10-11");
        int before = trains.all().size();
        refused(() -> new PastPush(PushKind.PICKS, "rita", at(3, 11), at(3, 11), PushState.DONE, null, List.of()),
                "must end after it started");
        refused(() -> new PastPush(PushKind.PICKS, "rita", at(3, 11), at(3, 12), PushState.RUNNING, null, List.of()),
                "DONE or FAILED");
        refused(() -> pick(dev, shipped, PickState.REJECTED), "outcome");
        refused(() -> push(PushKind.RELEASE, 2, 10, 20, PushState.DONE, pick(dev, shipped, PickState.SHIPPED)),
                "takes no picks");
        refused(() -> push(PushKind.PICKS, 3, 11, 20, PushState.FAILED, pick(dev, shipped, PickState.SHIPPED)),
                "shipped nothing");
        refused(() -> history.record(train(branch, push(PushKind.PICKS, 3, 11, 30, PushState.DONE,
                pick("nobody-" + UUID.randomUUID().toString().substring(0, 6), shipped, PickState.SHIPPED)))),
                "nobody here is called nobody-");
        refused(() -> history.record(train(branch, push(PushKind.PICKS, 3, 11, 30, PushState.DONE,
                new PastPick(dev, "1234567890123456789012345678901234567890", "needed", PickState.SHIPPED)))),
                "unknown revision 1234567890");
        refused(() -> history.record(new PastTrain(branch, base.name(), cut, "rita", List.of(
                new PastPush(PushKind.PICKS, "rita", cut.minus(Duration.ofHours(1)), cut.plus(Duration.ofHours(1)),
                        PushState.DONE, null, List.of())))), "before " + branch + " was cut");
        refused(() -> history.record(new PastTrain(branch, base.name(), cut, "rita", List.of(
                new PastPush(PushKind.PICKS, "rita", now.minus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofHours(1)),
                        PushState.DONE, null, List.of())))), "not past yet");
        refused(() -> history.record(new PastTrain(branch, base.name(), Instant.now().plus(Duration.ofHours(1)), "rita",
                List.of())), "not past yet");
        refused(() -> history.record(new PastTrain(branch, base.name(), trains.get(current.id()).cutAt(), "rita",
                List.of())), "not before the current train");
        refused(() -> history.record(train(branch, push(PushKind.PICKS, 3, 11, 30, PushState.DONE,
                pick(dev, shipped, PickState.SHIPPED)), push(PushKind.PICKS, 3, 16, 30, PushState.DONE,
                pick(dev, shipped, PickState.SHIPPED)))), "already merged onto " + branch);

        assertThat(trains.all()).hasSize(before).noneMatch(t -> t.branch().equals(branch));
        assertThatThrownBy(() -> history.record(new PastTrain(current.branch(), base.name(), cut, "rita", List.of())))
            .isInstanceOf(TrainException.Refused.class);
        assertThat(trains.current()).contains(trains.get(current.id()));
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String because) {
        assertThatThrownBy(call).isInstanceOf(TrainException.Invalid.class).hasMessageContaining(because);
    }

    private PastTrain train(String branch, PastPush... pushes) {
        return new PastTrain(branch, base.name(), cut, "rita", List.of(pushes));
    }

    /** A push on the given day after the cut, at the given hour, running so many minutes. */
    private PastPush push(PushKind kind, int day, int hour, int minutes, PushState state, PastPick... picks) {
        Instant start = at(day, hour);
        return new PastPush(kind, "rita", start, start.plus(Duration.ofMinutes(minutes)), state,
                state == PushState.FAILED ? "build failed: exit 2" : null, List.of(picks));
    }

    private Instant at(int day, int hour) {
        return cut.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
    }

    private static PastPick pick(String requester, ObjectId commit, PickState outcome) {
        return new PastPick(requester, commit.name(), "needed for the launch", outcome);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
