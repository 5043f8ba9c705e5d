package io.pushtrain.train.testrun;

import java.util.List;
import java.util.Optional;

import io.pushtrain.train.TestRunState;

import org.springframework.data.jpa.repository.JpaRepository;

interface TestRunRepository extends JpaRepository<TestRunEntity, Long> {

    List<TestRunEntity> findByPushIdAndCommitShaOrderByShardAsc(long pushId, String commitSha);

    List<TestRunEntity> findByPushIdOrderByIdAsc(long pushId);

    List<TestRunEntity> findByCommitShaStartingWithOrderByIdDesc(String commitPrefix);

    Optional<TestRunEntity> findFirstByStateInAndTimingsIsNotNullOrderByIdDesc(List<TestRunState> states);
}
