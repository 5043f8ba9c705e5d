package io.pushtrain.distribution.rollout;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Rollouts. */
public interface RolloutRepository extends JpaRepository<RolloutEntity, Long> {

    /** The rollout, locked; waits for another node's tick or command to finish. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from RolloutEntity r where r.id = :id")
    Optional<RolloutEntity> lock(@Param("id") long id);

    /** The rollout, locked, or empty when another node holds it now: that node ticks it. */
    @Query(value = "SELECT * FROM distribution_rollout WHERE id = :id FOR UPDATE SKIP LOCKED", nativeQuery = true)
    Optional<RolloutEntity> lockUnlessBusy(@Param("id") long id);

    @Query(value = "SELECT id FROM distribution_rollout WHERE state = 'RUNNING' ORDER BY id", nativeQuery = true)
    List<Long> running();

    Optional<RolloutEntity> findFirstByStateInOrderByIdDesc(List<io.pushtrain.distribution.RolloutState> states);

    Optional<RolloutEntity> findFirstByOrderByIdDesc();

    List<RolloutEntity> findAllByOrderByIdDesc();
}
