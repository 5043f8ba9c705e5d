package io.pushtrain.distribution.artifact;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Published builds. */
public interface ArtifactRepository extends JpaRepository<ArtifactEntity, String> {

    List<ArtifactEntity> findAllByOrderByCreatedAtDescIdAsc();

    /** Holds a lock on the id until the transaction ends: one publish of an id at a time, on every node. */
    @Query(value = "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('distribution_artifact:' || :id))) locked",
            nativeQuery = true)
    Integer lockId(@Param("id") String id);
}
