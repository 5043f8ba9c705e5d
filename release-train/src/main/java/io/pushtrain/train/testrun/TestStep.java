package io.pushtrain.train.testrun;

import java.util.List;

import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.push.PushPicks;
import io.pushtrain.train.push.PushRun;
import io.pushtrain.train.push.PushStep;
import io.pushtrain.train.push.StepResult;
import io.pushtrain.train.push.Verdict;

import org.eclipse.jgit.lib.ObjectId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tests the candidate branch head. When it breaks, bisects the batch (first half of the picks,
 * then a quarter...) for the first pick whose prefix breaks, holds that pick back as
 * FAILED_TESTS, recomputes the batch without it and tests again. Every call does at most one
 * thing and results are kept per commit, so a restart goes on where the push was.
 */
@Component
class TestStep implements PushStep {

    private final CandidateTests tests;
    private final PushPicks batch;
    private final TrainProperties properties;
    private final TransactionTemplate tx;

    TestStep(CandidateTests tests, PushPicks batch, TrainProperties properties, TransactionTemplate tx) {
        this.tests = tests;
        this.batch = batch;
        this.properties = properties;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public StepResult run(PushRun run) {
        if (!properties.test().configured()) {
            return StepResult.skipped("no pushtrain.test.commands configured");
        }
        List<PickEntity> landing = batch.landing(run.id());
        ObjectId head = batch.head(run.id()).orElseThrow();
        CandidateTests.Outcome outcome = tests.of(run.id(), head, landing);
        if (!outcome.finished()) {
            return waiting(run, "testing " + head.abbreviate(10).name() + " with " + landing.size() + " picks");
        }
        if (!outcome.failed()) {
            tx.executeWithoutResult(status -> batch.tested(run.id()));
            return StepResult.done(outcome.tests() + " tests passed on " + head.abbreviate(10).name()
                    + (outcome.flaky().isEmpty() ? "" : "; flaky (not blocking): " + String.join(", ", outcome.flaky())));
        }
        return bisect(run, landing);
    }

    /** Finds the shortest failing prefix of the batch; its last pick is the culprit. */
    private StepResult bisect(PushRun run, List<PickEntity> landing) {
        int good = 0;
        int bad = landing.size();
        CandidateTests.Outcome badOutcome = null;
        while (good < bad) {
            int mid = (good + bad) / 2;
            ObjectId prefix = batch.prefixHead(run.id(), landing, mid);
            CandidateTests.Outcome outcome = tests.of(run.id(), prefix, landing.subList(0, mid));
            if (!outcome.finished()) {
                return waiting(run, "bisecting: testing the first " + mid + " of " + landing.size() + " picks");
            }
            if (outcome.failed()) {
                bad = mid;
                badOutcome = outcome;
            }
            else {
                good = mid + 1;
            }
        }
        if (bad == 0) {
            return StepResult.failed("the release branch fails its tests without any pick: "
                    + String.join(", ", badOutcome.broken()));
        }
        List<String> broken = bad == landing.size() || badOutcome == null
                ? tests.of(run.id(), batch.prefixHead(run.id(), landing, bad), landing.subList(0, bad)).broken()
                : badOutcome.broken();
        return hold(run, landing.get(bad - 1), broken);
    }

    private StepResult hold(PushRun run, PickEntity culprit, List<String> broken) {
        String detail = "broke " + String.join(", ", broken) + " (found by bisecting push " + run.id() + ")";
        tx.executeWithoutResult(status -> batch.holdBack(run.id(), culprit.id(),
                new Verdict.FailedTests(broken, detail)));
        return waiting(run, "pick " + culprit.id() + " broke " + String.join(", ", broken)
                + "; testing the rest without it");
    }

    private StepResult waiting(PushRun run, String doing) {
        int[] counts = tests.counts(run.id());
        int progress = counts[1] == 0 ? 0 : Math.min(99, 100 * counts[0] / (counts[1] + 1));
        return StepResult.waiting(progress, doing + " (" + counts[0] + " of " + counts[1] + " shard runs done)");
    }
}
