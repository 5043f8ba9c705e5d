package io.pushtrain.server.pushes;

import java.util.List;

import io.pushtrain.train.PerfComparisonView;
import io.pushtrain.train.Perflab;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushView;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.TestResults;
import io.pushtrain.train.TestRunView;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Pushes: start one now, follow its steps. */
@RestController
@RequestMapping("/api/pushes")
class PushController {

    private final Pushes pushes;
    private final TestResults tests;
    private final Perflab perflab;

    PushController(Pushes pushes, TestResults tests, Perflab perflab) {
        this.pushes = pushes;
        this.tests = tests;
        this.perflab = perflab;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    PushView start(@RequestBody(required = false) StartPush body, Authentication who) {
        Long train = body == null ? null : body.train();
        PushKind kind = body == null || body.kind() == null ? PushKind.PICKS : body.kind();
        return pushes.start(train, kind, who.getName());
    }

    /** Cancels a running push before it lands; its picks go back to the queue with the reason. */
    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    PushView cancel(@PathVariable long id, @RequestBody(required = false) CancelPush body, Authentication who) {
        return pushes.cancel(id, who.getName(), body == null ? null : body.reason());
    }

    @GetMapping
    List<PushView> all() {
        return pushes.all();
    }

    @GetMapping("/{id}")
    PushView one(@PathVariable long id) {
        return pushes.get(id);
    }

    /** Every test shard the push ran: the batch, the prefixes it bisected, the batch without a culprit. */
    @GetMapping("/{id}/tests")
    List<TestRunView> tests(@PathVariable long id) {
        return tests.forPush(id);
    }

    /** Perflab's comparisons in this push, base against each candidate it measured. */
    @GetMapping("/{id}/perf")
    List<PerfComparisonView> perf(@PathVariable long id) {
        pushes.get(id);
        return perflab.forPush(id);
    }

    record StartPush(Long train, PushKind kind) {
    }

    record CancelPush(String reason) {
    }
}
