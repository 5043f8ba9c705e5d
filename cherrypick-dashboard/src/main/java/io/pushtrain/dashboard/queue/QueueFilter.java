package io.pushtrain.dashboard.queue;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import io.pushtrain.train.PickState;

/**
 * What the release engineer asked the queue to show: a state, a risk, a requester, an order.
 * Blank means "any", and any case will do ({@code ?state=deferred}); a state or risk the queue
 * does not have is dropped and named in {@link #problem()}, so a hand-typed link still shows the
 * page; an unknown sort falls back to request order, the order pushes merge in.
 */
public record QueueFilter(String state, String risk, String requester, String sort) {

    static final List<String> STATES = List.of("REQUESTED", "APPROVED", "CONFIRMED", "DEFERRED");
    static final List<String> RISKS = List.of("HIGH", "MEDIUM", "LOW");
    static final Map<String, String> SORTS = Map.of("requested", "request order", "risk", "risk, highest first",
            "size", "size, largest first", "discussion", "discussion, most first", "stars", "stars, fewest first",
            "requester", "requester");
    static final List<String> SORT_ORDER = List.of("requested", "risk", "size", "discussion", "stars", "requester");

    public QueueFilter {
        state = known(upper(state), STATES);
        risk = known(upper(risk), RISKS);
        requester = blankToNull(requester);
        sort = sort == null || !SORTS.containsKey(sort) ? "requested" : sort;
    }

    /**
     * What was asked that the queue cannot show ("no state 'shipped' in the queue: ..."), or null.
     * Spring binds the raw parameters here first, then this record is built from them.
     */
    static String problem(String askedState, String askedRisk) {
        String state = upper(askedState);
        String risk = upper(askedRisk);
        if (state != null && !STATES.contains(state)) {
            return "No state “" + askedState.strip() + "” in the queue: showing every state (the queue holds "
                    + String.join(", ", STATES).toLowerCase(Locale.ROOT) + ").";
        }
        if (risk != null && !RISKS.contains(risk)) {
            return "No risk “" + askedRisk.strip() + "”: showing every risk (high, medium or low).";
        }
        return null;
    }

    List<QueueRow> apply(List<QueueRow> rows) {
        return rows.stream().filter(matches()).sorted(order()).toList();
    }

    private Predicate<QueueRow> matches() {
        return row -> (state == null || row.pick().state() == PickState.valueOf(state))
                && (risk == null || risk.equals(row.pick().risk()))
                && (requester == null || row.pick().requester().toLowerCase(Locale.ROOT)
                    .contains(requester.toLowerCase(Locale.ROOT)));
    }

    private Comparator<QueueRow> order() {
        Comparator<QueueRow> requested = Comparator.comparingLong(r -> r.pick().id());
        Comparator<QueueRow> first = switch (sort) {
            case "risk" -> Comparator.comparingInt(QueueRow::riskRank).reversed();
            case "size" -> Comparator.comparingInt((QueueRow r) -> r.pick().linesChanged()).reversed();
            case "discussion" -> Comparator.comparingInt((QueueRow r) -> r.pick().discussion()).reversed();
            case "stars" -> Comparator.comparingInt(QueueRow::stars);
            case "requester" -> Comparator.comparing((QueueRow r) -> r.pick().requester());
            default -> requested;
        };
        return first.thenComparing(requested);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String upper(String value) {
        String kept = blankToNull(value);
        return kept == null ? null : kept.toUpperCase(Locale.ROOT);
    }

    private static String known(String value, List<String> values) {
        return value != null && values.contains(value) ? value : null;
    }
}
