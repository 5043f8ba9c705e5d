package io.pushtrain.dashboard.history;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.pushtrain.train.PushSummary;

/**
 * The history graphs' data, one point per day of the period shown (UTC days, like the rest of the
 * pages): picks merged, deferred, conflicted and failed, and the median push duration in minutes,
 * null on a day without a finished push so the line breaks there instead of bridging a weekend.
 * Written as JSON of numbers only, so it is safe to put into the page as it is.
 */
record HistoryChart(long from, long to, List<Long> days, List<Integer> merged, List<Integer> deferred, List<Integer> conflicted,
        List<Integer> failed, List<Double> medianMinutes) {

    static HistoryChart of(List<PushSummary> pushes, java.time.Instant from, java.time.Instant to) {
        Map<LocalDate, List<PushSummary>> byDay = new TreeMap<>();
        for (LocalDate day = day(from); !day.isAfter(day(to)); day = day.plusDays(1)) {
            byDay.put(day, new java.util.ArrayList<>());
        }
        pushes.forEach(p -> byDay.computeIfAbsent(day(p.createdAt()), d -> new java.util.ArrayList<>()).add(p));
        return new HistoryChart(from.getEpochSecond(), to.getEpochSecond(),
                byDay.keySet().stream().map(d -> d.atStartOfDay(ZoneOffset.UTC).toEpochSecond()).toList(),
                sum(byDay, PushSummary::merged), sum(byDay, PushSummary::deferred),
                sum(byDay, PushSummary::conflicted), sum(byDay, PushSummary::failed),
                byDay.values().stream().map(HistoryChart::medianMinutes).toList());
    }

    private static LocalDate day(java.time.Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static List<Integer> sum(Map<LocalDate, List<PushSummary>> byDay,
            java.util.function.ToIntFunction<PushSummary> count) {
        return byDay.values().stream().map(day -> day.stream().mapToInt(count).sum()).toList();
    }

    private static Double medianMinutes(List<PushSummary> day) {
        double[] minutes = day.stream().filter(p -> p.duration() != null)
            .mapToDouble(p -> p.duration().toSeconds() / 60.0).sorted().toArray();
        if (minutes.length == 0) {
            return null;
        }
        double median = minutes.length % 2 == 1 ? minutes[minutes.length / 2]
                : (minutes[minutes.length / 2 - 1] + minutes[minutes.length / 2]) / 2;
        return Math.round(median * 10) / 10.0;
    }

    String json() {
        return "{\"from\":" + from + ",\"to\":" + to + ",\"days\":" + days + ",\"merged\":" + merged + ",\"deferred\":" + deferred + ",\"conflicted\":"
                + conflicted + ",\"failed\":" + failed + ",\"medianMinutes\":"
                + medianMinutes.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")) + "}";
    }
}
