package io.pushtrain.karma.stars;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** The karma history, only ever appended to. */
public interface KarmaChangeRepository extends JpaRepository<KarmaChangeEntity, Long> {

    List<KarmaChangeEntity> findByPersonOrderByChangedAtDescIdDesc(String person);
}
