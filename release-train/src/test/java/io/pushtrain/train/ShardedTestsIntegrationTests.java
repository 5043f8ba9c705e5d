package io.pushtrain.train;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.pushtrain.testsupport.TestTrunk;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Test shards: the first push runs every suite in one shard and learns their durations; the
 * next spreads the suites over two shards, each told its suites in PUSHTRAIN_TEST_SUITES.
 */
@Tag("slow")
@DirtiesContext
@SpringBootTest(properties = { "pushtrain.push.tick=200ms", "pushtrain.test.tick=200ms",
        "pushtrain.schedule.enabled=false", "pushtrain.test.commands=sh run-tests.sh",
        "pushtrain.test.reports=reports/*.xml", "pushtrain.test.shards=2" })
class ShardedTestsIntegrationTests {

    /** Two suites; a shard runs those named in PUSHTRAIN_TEST_SUITES, or all when it is empty. */
    static final String TEST_SCRIPT = """
            mkdir -p reports
            for s in alpha beta; do
              case ",$PUSHTRAIN_TEST_SUITES," in
                ,,|*,$s,*) echo "<testsuite name=\\"$s\\"><testcase classname=\\"$s\\" name=\\"works\\" time=\\"1.5\\"/></testsuite>" \\
                    > reports/TEST-$s.xml ;;
              esac
            done
            echo "shard $PUSHTRAIN_SHARD of $PUSHTRAIN_SHARDS ran: ${PUSHTRAIN_TEST_SUITES:-everything}"
            """;

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId first;
    static ObjectId second;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("sharded-tests");
        base = remote.commit("ann", "Start the app with two test suites", Map.of("run-tests.sh", TEST_SCRIPT));
        first = remote.commit("alice", "First change", Map.of("one.txt", "1\n"));
        second = remote.commit("bob", "Second change", Map.of("two.txt", "2\n"));
        remote.serveTo(registry);
    }

    @AfterAll
    static void closeRemote() {
        remote.close();
    }

    @Autowired
    Trains trains;

    @Autowired
    Picks picks;

    @Autowired
    Pushes pushes;

    @Autowired
    TestResults results;

    @Test
    void theFirstPushRunsOneShardAndTheNextSpreadsTheSuitesItLearnedOverTwo() {
        TrainView train = trains.cut(base.name(), "re", true);

        confirmedPick(first, "alice");
        List<TestRunView> learning = results.forPush(runPush(train).id());
        confirmedPick(second, "bob");
        List<TestRunView> spread = results.forPush(runPush(train).id());

        assertThat(learning).singleElement().satisfies(run -> {
            assertThat(run.shards()).isEqualTo(1);
            assertThat(run.tests()).isEqualTo(2);
        });
        assertThat(spread).hasSize(2).allSatisfy(run -> {
            assertThat(run.shards()).isEqualTo(2);
            assertThat(run.state()).isEqualTo(TestRunState.PASSED);
            assertThat(run.tests()).as("each shard runs one of the two suites").isEqualTo(1);
        });
        assertThat(spread).extracting(TestRunView::shard).containsExactlyInAnyOrder(0, 1);
    }

    private PushView runPush(TrainView train) {
        long id = pushes.start(train.id(), PushKind.PICKS, "re").id();
        PushView push = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .until(() -> pushes.get(id), p -> p.state() != PushState.RUNNING);
        assertThat(push.state()).as(push.detail()).isEqualTo(PushState.DONE);
        return push;
    }

    private void confirmedPick(ObjectId commit, String requester) {
        PickView pick = picks.request(new PickRequest(commit.name(), "needed", null, requester)).pick();
        picks.approve(pick.id(), "re", null);
        picks.confirm(pick.id(), requester);
    }
}
