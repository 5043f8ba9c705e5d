package io.pushtrain.train.cut;

import java.util.List;
import java.util.Optional;

import io.pushtrain.train.TrainState;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TrainRepository extends JpaRepository<TrainEntity, Long> {

    /** Newest cut first: a train recorded from history later has a higher id but an older cut. */
    List<TrainEntity> findAllByOrderByCutAtDescIdDesc();

    Optional<TrainEntity> findFirstByStateNotOrderByIdDesc(TrainState state);

    List<TrainEntity> findByStateNot(TrainState state);

    boolean existsByBranch(String branch);
}
