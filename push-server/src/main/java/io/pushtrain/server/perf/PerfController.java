package io.pushtrain.server.perf;

import java.util.List;

import io.pushtrain.train.PerfComparisonView;
import io.pushtrain.train.Perflab;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Perflab's comparisons and verdicts for a commit: a candidate, a base, or a pick that was measured. */
@Tag(name = "Perf", description = "Perflab comparisons and verdicts")
@RestController
@RequestMapping("/api/perf")
class PerfController {

    private final Perflab perflab;

    PerfController(Perflab perflab) {
        this.perflab = perflab;
    }

    @Operation(summary = "Perf comparisons and verdicts that measured a commit")
    @GetMapping
    List<PerfComparisonView> forCommit(@RequestParam String commit) {
        return perflab.forCommit(commit);
    }
}
