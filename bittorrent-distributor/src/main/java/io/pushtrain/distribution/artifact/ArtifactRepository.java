package io.pushtrain.distribution.artifact;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Published builds. */
public interface ArtifactRepository extends JpaRepository<ArtifactEntity, String> {

    List<ArtifactEntity> findAllByOrderByCreatedAtDescIdAsc();
}
