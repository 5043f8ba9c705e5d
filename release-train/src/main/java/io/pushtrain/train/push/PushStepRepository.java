package io.pushtrain.train.push;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PushStepRepository extends JpaRepository<PushStepEntity, Long> {

    List<PushStepEntity> findByPushIdOrderByPositionAsc(long pushId);
}
