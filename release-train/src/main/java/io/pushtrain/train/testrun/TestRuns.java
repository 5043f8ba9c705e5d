package io.pushtrain.train.testrun;

import java.util.List;

import io.pushtrain.train.TestRunView;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads kept test runs for the API. */
@Component
public class TestRuns {

    private final TestRunRepository runs;

    TestRuns(TestRunRepository runs) {
        this.runs = runs;
    }

    @Transactional(readOnly = true)
    public List<TestRunView> forPush(long push) {
        return runs.findByPushIdOrderByIdAsc(push).stream().map(TestRunEntity::toView).toList();
    }
}
