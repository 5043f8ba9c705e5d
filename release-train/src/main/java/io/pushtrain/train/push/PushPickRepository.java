package io.pushtrain.train.push;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PushPickRepository extends JpaRepository<PushPickEntity, PushPickEntity.Key> {

    List<PushPickEntity> findByPushIdOrderByPositionAsc(long pushId);
}
