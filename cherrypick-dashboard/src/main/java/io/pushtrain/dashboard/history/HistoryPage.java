package io.pushtrain.dashboard.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.pushtrain.dashboard.push.Durations;
import io.pushtrain.train.PushSummary;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.Trains;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The pushes of the last weeks, their counts and durations as rows and graphs, and the trains with their cuts. */
@Controller
class HistoryPage {

    static final List<Integer> WEEKS = List.of(1, 2, 4, 8, 13);

    private final Pushes pushes;
    private final Trains trains;

    HistoryPage(Pushes pushes, Trains trains) {
        this.pushes = pushes;
        this.trains = trains;
    }

    @GetMapping("/history")
    String page(@RequestParam(defaultValue = "4") int weeks, Model model) {
        int shownWeeks = Math.max(1, Math.min(weeks, 52));
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(7L * shownWeeks));
        List<PushSummary> history = pushes.history(from);
        model.addAttribute("weeks", shownWeeks);
        model.addAttribute("weekChoices", WEEKS);
        model.addAttribute("pushes", history.stream().map(HistoryRow::new).toList());
        model.addAttribute("totals", HistoryRow.totals(history));
        model.addAttribute("chart", HistoryChart.of(history, from, now).json());
        model.addAttribute("trains", trains.all());
        return "dashboard/history";
    }

    /** A push as a row: its counts, and its duration in words. */
    public record HistoryRow(PushSummary push) {

        public String took() {
            return push.duration() == null ? "running" : Durations.words(push.duration());
        }

        static PushSummary totals(List<PushSummary> all) {
            return new PushSummary(0, 0, "", null, null, "", null, null, all.stream().mapToInt(PushSummary::picks).sum(),
                    all.stream().mapToInt(PushSummary::merged).sum(), all.stream().mapToInt(PushSummary::deferred).sum(),
                    all.stream().mapToInt(PushSummary::conflicted).sum(), all.stream().mapToInt(PushSummary::failed).sum());
        }
    }
}
