package io.pushtrain.train;

import java.util.List;

import io.pushtrain.train.push.PushRepository;
import io.pushtrain.train.testrun.TestRuns;

import org.springframework.stereotype.Service;

/** The tests a push ran: every shard of every candidate, with what broke and what was flaky. */
@Service
public class TestResults {

    private final TestRuns runs;
    private final PushRepository pushes;

    TestResults(TestRuns runs, PushRepository pushes) {
        this.runs = runs;
        this.pushes = pushes;
    }

    public List<TestRunView> forPush(long push) {
        if (!pushes.existsById(push)) {
            throw new TrainException.Unknown("there is no push " + push);
        }
        return runs.forPush(push);
    }
}
