package io.pushtrain.distribution.rollout;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** The tiers of rollouts. */
public interface RolloutTierRepository extends JpaRepository<RolloutTierEntity, RolloutTierEntity.Key> {

    List<RolloutTierEntity> findByRolloutIdOrderByPosition(long rolloutId);
}
