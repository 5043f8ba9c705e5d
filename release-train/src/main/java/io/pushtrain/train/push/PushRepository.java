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

    List<PushEntity> findAllByOrderByIdDesc();

    Optional<PushEntity> findFirstByTrainIdAndStateOrderByIdDesc(long trainId, PushState state);

    /** Takes or renews the lease on a running push; answers 1 when this node holds it. */
    @Modifying
    @Query(value = """
            UPDATE train_push SET owner = :owner, lease_until = :until
            WHERE id = :id AND state = 'RUNNING' AND (owner IS NULL OR owner = :owner OR lease_until < :now)
            """, nativeQuery = true)
    int claim(@Param("id") long id, @Param("owner") String owner, @Param("now") Instant now,
            @Param("until") Instant until);
}
