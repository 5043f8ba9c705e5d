package io.pushtrain.karma.risk;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The recent picks risk is measured against. */
public interface PickSampleRepository extends JpaRepository<PickSampleEntity, String> {

    /** The newest samples since a moment, as many as the page asks for. */
    List<PickSampleEntity> findByAtAfterOrderByAtDesc(Instant since, Pageable page);

    /** A pick reported again (its discussion grew, say) replaces its sample instead of counting twice. */
    @Modifying
    @Query(value = "INSERT INTO karma_pick_sample (pick_key, lines, files, discussion, at)"
            + " VALUES (:key, :lines, :files, :discussion, :at)"
            + " ON CONFLICT (pick_key) DO UPDATE SET lines = excluded.lines, files = excluded.files,"
            + " discussion = excluded.discussion, at = excluded.at", nativeQuery = true)
    void upsert(@Param("key") String key, @Param("lines") int lines, @Param("files") int files,
            @Param("discussion") int discussion, @Param("at") Instant at);
}
