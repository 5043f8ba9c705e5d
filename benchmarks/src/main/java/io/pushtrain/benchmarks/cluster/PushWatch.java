package io.pushtrain.benchmarks.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a push straight from the shared database, as often as the driver likes and without
 * asking either node: who holds it, until when, and where its steps are.
 */
final class PushWatch implements AutoCloseable {

    record Step(String name, String state, Instant startedAt, Instant endedAt) {
        boolean finished() {
            return !state.equals("PENDING") && !state.equals("RUNNING") && !state.equals("WAITING");
        }
    }

    record Push(long id, String state, String owner, Instant leaseUntil, Instant createdAt, Instant endedAt,
            List<Step> steps) {

        /** The first step not finished yet, or null when all are. */
        Step current() {
            return steps.stream().filter(s -> !s.finished()).findFirst().orElse(null);
        }

        boolean finished(String step) {
            return steps.stream().anyMatch(s -> s.name().equals(step) && s.finished());
        }

        /** The latest moment a step started or ended. */
        Instant lastMove() {
            Instant last = Instant.EPOCH;
            for (Step step : steps) {
                for (Instant at : new Instant[] { step.startedAt(), step.endedAt() }) {
                    if (at != null && at.isAfter(last)) {
                        last = at;
                    }
                }
            }
            return last;
        }
    }

    private final Connection connection;

    PushWatch(String url, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(url, user, password);
    }

    synchronized Push push(long id) throws SQLException {
        Push push;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT state, owner, lease_until, created_at, ended_at FROM train_push WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                push = new Push(id, row.getString(1), row.getString(2), instant(row.getTimestamp(3)),
                        instant(row.getTimestamp(4)), instant(row.getTimestamp(5)), List.of());
            }
        }
        List<Step> steps = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name, state, started_at, ended_at FROM train_push_step WHERE push_id = ? ORDER BY position")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    steps.add(new Step(row.getString(1), row.getString(2), instant(row.getTimestamp(3)),
                            instant(row.getTimestamp(4))));
                }
            }
        }
        return new Push(push.id(), push.state(), push.owner(), push.leaseUntil(), push.createdAt(), push.endedAt(),
                steps);
    }

    /** How many picks are in each state, over all trains. */
    synchronized Map<String, Integer> pickStates() throws SQLException {
        Map<String, Integer> states = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT state, count(*) FROM train_pick GROUP BY state ORDER BY state");
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                states.put(row.getString(1), row.getInt(2));
            }
        }
        return states;
    }

    /** Each pick's trunk commit and state. */
    synchronized Map<String, String> picks() throws SQLException {
        Map<String, String> picks = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT commit_sha, state FROM train_pick");
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                picks.put(row.getString(1), row.getString(2));
            }
        }
        return picks;
    }

    /** How many picks a push ended with in each outcome. */
    synchronized Map<String, Integer> outcomes(long push) throws SQLException {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT coalesce(outcome, '?'), count(*) FROM train_push_pick WHERE push_id = ? GROUP BY 1 ORDER BY 1")) {
            query.setLong(1, push);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    outcomes.put(row.getString(1), row.getInt(2));
                }
            }
        }
        return outcomes;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
