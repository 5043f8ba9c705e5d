package io.pushtrain.train.push;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.pushtrain.train.PushState;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PushRepository extends JpaRepository<PushEntity, Long> {

    List<PushEntity> findByStateOrderByIdAsc(PushState state);

    /** Newest start first: a push recorded from history later has a higher id but is older. */
    List<PushEntity> findAllByOrderByCreatedAtDescIdDesc();

    /** The newest push by its start, for the same reason. */
    Optional<PushEntity> findFirstByOrderByCreatedAtDescIdDesc();

    /** One row per push since a time, newest first, with what became of its picks: the history page. */
    @Query(value = """
            SELECT p.id AS id, p.train_id AS train, t.branch AS branch, p.kind AS kind, p.state AS state,
                   p.requested_by AS requestedBy, p.created_at AS createdAt, p.ended_at AS endedAt,
                   count(pp.pick_id) AS picks,
                   count(*) FILTER (WHERE pp.outcome IN ('MERGED', 'TESTED', 'SHIPPED')) AS merged,
                   count(*) FILTER (WHERE pp.outcome = 'DEFERRED') AS deferred,
                   count(*) FILTER (WHERE pp.outcome = 'CONFLICT') AS conflicted,
                   count(*) FILTER (WHERE pp.outcome IN ('FAILED_TESTS', 'PERF_REGRESSION')) AS failed
            FROM train_push p JOIN train_train t ON t.id = p.train_id
            LEFT JOIN train_push_pick pp ON pp.push_id = p.id
            WHERE p.created_at >= :since
            GROUP BY p.id, t.branch ORDER BY p.created_at DESC, p.id DESC
            """, nativeQuery = true)
    List<Object[]> summariesSince(@Param("since") Instant since);


    Optional<PushEntity> findFirstByStateOrderByIdDesc(PushState state);

    /** Whether a push of a train cut after this one has started its rollout: the fleet must not go backwards. */
    @Query(value = """
            SELECT count(*) > 0 FROM train_push p
            JOIN train_train t ON t.id = p.train_id
            JOIN train_push_step s ON s.push_id = p.id AND s.name = 'distribute' AND s.state <> 'PENDING'
            WHERE t.cut_at > (SELECT cut_at FROM train_train WHERE id = :train)
            """, nativeQuery = true)
    boolean newerTrainRolledOut(@Param("train") long train);

    /** A lock that a push start and a cut take, held until the transaction ends, on every node. */
    @Query(value = "SELECT CAST(pg_advisory_xact_lock(7826001) AS text)", nativeQuery = true)
    String lockPushesAndCuts();

    @org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT p FROM PushEntity p WHERE p.id = :id")
    Optional<PushEntity> findByIdForUpdate(@Param("id") long id);

    /** Takes or renews the lease on a running push; answers 1 when this node holds it. */
    @Modifying
    @Query(value = """
            UPDATE train_push SET owner = :owner, lease_until = :until
            WHERE id = :id AND state = 'RUNNING' AND (owner IS NULL OR owner = :owner OR lease_until < :now)
            """, nativeQuery = true)
    int claim(@Param("id") long id, @Param("owner") String owner, @Param("now") Instant now,
            @Param("until") Instant until);

    /**
     * Moves the presence deadline of a running push that is waiting for presence, in one
     * statement: two release engineers extending at once both count, and no read-modify-write of
     * the row can lose either. Answers 1 when it moved.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = """
            UPDATE train_push SET presence_deadline = presence_deadline + make_interval(secs => :seconds)
            WHERE id = :id AND state = 'RUNNING' AND presence_deadline IS NOT NULL
            """, nativeQuery = true)
    int extendPresence(@Param("id") long id, @Param("seconds") double seconds);

    /** Brings the presence deadline of a running push forward to now, unless it has passed already. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = """
            UPDATE train_push SET presence_deadline = LEAST(presence_deadline, :now)
            WHERE id = :id AND state = 'RUNNING' AND presence_deadline IS NOT NULL
            """, nativeQuery = true)
    int endPresence(@Param("id") long id, @Param("now") Instant now);
}
