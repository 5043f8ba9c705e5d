package io.pushtrain.train.perflab;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface PerfComparisonRepository extends JpaRepository<PerfComparisonEntity, Long> {

    Optional<PerfComparisonEntity> findByPushIdAndBaseCommitAndHeadCommit(long pushId, String baseCommit,
            String headCommit);

    List<PerfComparisonEntity> findByPushIdOrderByIdAsc(long pushId);

    /** Comparisons whose candidate, base or one of whose picks (by its commit or its cherry-pick) is this commit. */
    @Query(value = """
            SELECT c.* FROM train_perf_comparison c
            WHERE c.head_commit LIKE :prefix || '%' OR c.base_commit LIKE :prefix || '%'
               OR EXISTS (SELECT 1 FROM train_pick p
                          WHERE p.push_id = c.push_id AND (p.commit_sha LIKE :prefix || '%'
                                                        OR p.picked_commit LIKE :prefix || '%')
                            AND (',' || c.picks || ',') LIKE '%,' || p.id || ',%')
            ORDER BY c.id DESC
            """, nativeQuery = true)
    List<PerfComparisonEntity> findByCommit(@Param("prefix") String prefix);
}
