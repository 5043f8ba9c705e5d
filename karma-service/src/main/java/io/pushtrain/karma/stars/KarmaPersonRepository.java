package io.pushtrain.karma.stars;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** People's current stars. */
public interface KarmaPersonRepository extends JpaRepository<KarmaPersonEntity, String> {

    /** Creates the row at the default if it is missing; two release engineers at once both succeed. */
    @Modifying
    @Query(value = "INSERT INTO karma_person (person, stars, updated_at) VALUES (:person, :stars, now())"
            + " ON CONFLICT (person) DO NOTHING", nativeQuery = true)
    void createIfMissing(@Param("person") String person, @Param("stars") int stars);

    /** The row, locked until the transaction ends, so concurrent changes apply one after the other. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from KarmaPersonEntity p where p.person = :person")
    Optional<KarmaPersonEntity> lock(@Param("person") String person);
}
