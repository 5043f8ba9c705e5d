package io.pushtrain.benchmarks.history;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushtrain.train.trunk.PickStatus;

/** The agreement table and the per-pick medians, per release branch and in all, as Markdown. */
final class Report {

    private Report() {
    }

    static void print(List<RealHistoryOracle.Row> rows) {
        Map<String, List<RealHistoryOracle.Row>> byBranch = new LinkedHashMap<>();
        for (RealHistoryOracle.Row row : rows) {
            byBranch.computeIfAbsent(row.pick().branch(), k -> new ArrayList<>()).add(row);
        }
        byBranch.put("all", rows);
        System.out.println();
        StringBuilder header = new StringBuilder("| branch | picks | git: picked / conflict / empty |");
        StringBuilder rule = new StringBuilder("| --- | --- | --- |");
        for (Agreement agreement : Agreement.values()) {
            header.append(' ').append(agreement.label).append(" |");
            rule.append(" --- |");
        }
        header.append(" both conflict, other paths | git's tree = shipped | pushtrain median | git -x median | ratio |");
        rule.append(" --- | --- | --- | --- | --- |");
        System.out.println(header);
        System.out.println(rule);
        byBranch.forEach((branch, branchRows) -> System.out.println(line(branch, branchRows)));
    }

    private static String line(String branch, List<RealHistoryOracle.Row> rows) {
        Map<Agreement, Integer> counts = new EnumMap<>(Agreement.class);
        Map<PickStatus, Integer> gitStatus = new EnumMap<>(PickStatus.class);
        int shipped = 0;
        int otherPaths = 0;
        long[] ours = new long[rows.size()];
        long[] git = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            RealHistoryOracle.Row row = rows.get(i);
            counts.merge(row.agreement(), 1, Integer::sum);
            if (row.git().status() != null) {
                gitStatus.merge(row.git().status(), 1, Integer::sum);
            }
            shipped += row.gitShipped() ? 1 : 0;
            boolean bothConflict = row.ours().status() == PickStatus.CONFLICT && row.git().status() == PickStatus.CONFLICT;
            otherPaths += bothConflict && !row.ours().paths().equals(row.git().paths()) ? 1 : 0;
            ours[i] = row.ours().nanos();
            git[i] = row.git().nanos();
        }
        StringBuilder line = new StringBuilder();
        line.append("| ").append(branch).append(" | ").append(rows.size()).append(" | ")
                .append(gitStatus.getOrDefault(PickStatus.PICKED, 0)).append(" / ")
                .append(gitStatus.getOrDefault(PickStatus.CONFLICT, 0)).append(" / ")
                .append(gitStatus.getOrDefault(PickStatus.EMPTY, 0)).append(" |");
        for (Agreement agreement : Agreement.values()) {
            line.append(' ').append(counts.getOrDefault(agreement, 0)).append(" |");
        }
        long ourMedian = RealHistoryOracle.median(ours);
        long gitMedian = RealHistoryOracle.median(git);
        line.append(' ').append(otherPaths).append(" | ").append(shipped).append(String.format(" | %.1f ms | %.1f ms | %.1fx |", ourMedian / 1e6,
                gitMedian / 1e6, ourMedian == 0 ? 0.0 : (double) gitMedian / ourMedian));
        return line.toString();
    }
}
