package io.pushtrain.train.pick;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.pushtrain.train.PickState;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PickRepository extends JpaRepository<PickEntity, Long> {

    List<PickEntity> findByTrainIdAndCommitShaAndStateIn(long trainId, String commitSha, Collection<PickState> states);

    List<PickEntity> findByTrainIdAndStateInAndPushIdIsNullOrderByIdAsc(long trainId, Collection<PickState> states);

    List<PickEntity> findByRequesterAndStateInOrderByIdAsc(String requester, Collection<PickState> states);

    List<PickEntity> findByCommitShaOrderByIdAsc(String commitSha);

    List<PickEntity> findByPushIdOrderByIdAsc(long pushId);

    List<PickEntity> findAllByOrderByIdDesc();

    List<PickEntity> findByTrainIdOrderByIdDesc(long trainId);

    List<PickEntity> findByStateOrderByIdDesc(PickState state);

    List<PickEntity> findByTrainIdAndStateOrderByIdDesc(long trainId, PickState state);

    Optional<PickEntity> findFirstByTrainIdAndPickedCommit(long trainId, String pickedCommit);

    List<PickEntity> findByPickedCommitOrderByIdAsc(String pickedCommit);

    List<PickEntity> findByStateInOrderByIdAsc(Collection<PickState> states);
}
