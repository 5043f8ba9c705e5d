package io.pushtrain.train.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.pushtrain.train.AuditEntry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log's table. It only inserts and selects: there is no update or delete here, and the
 * database's trigger refuses them from anywhere else (V65__audit_log.sql).
 */
@Component
public class AuditTable {

    private final JdbcTemplate jdbc;

    AuditTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void append(Instant at, String actor, String action, String objectKind, String objectId, String detail,
            String reason) {
        jdbc.update("INSERT INTO train_audit_entry (at, actor, action, object_kind, object_id, detail, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", Timestamp.from(at), actor, action, objectKind, objectId, detail,
                reason);
    }

    /** Newest first; each argument null means any. {@code objectId} null with a kind means every object of it. */
    public List<AuditEntry> find(String actor, String objectKind, String objectId, Instant since, Long before,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, object_kind, object_id, detail, reason"
                + " FROM train_audit_entry WHERE true");
        List<Object> args = new ArrayList<>();
        if (actor != null) {
            sql.append(" AND actor = ?");
            args.add(actor);
        }
        if (objectKind != null) {
            sql.append(" AND object_kind = ?");
            args.add(objectKind);
        }
        if (objectId != null) {
            sql.append(" AND object_id = ?");
            args.add(objectId);
        }
        if (since != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(since));
        }
        if (before != null) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), AuditTable::entry, args.toArray());
    }

    private static AuditEntry entry(ResultSet row, int n) throws SQLException {
        String id = row.getString("object_id");
        String object = row.getString("object_kind") + (id.isEmpty() ? "" : " " + id);
        return new AuditEntry(row.getLong("id"), row.getTimestamp("at").toInstant(), row.getString("actor"),
                row.getString("action"), object, row.getString("detail"), row.getString("reason"));
    }
}
