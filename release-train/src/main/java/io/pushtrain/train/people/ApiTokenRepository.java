package io.pushtrain.train.people;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ApiTokenRepository extends JpaRepository<ApiTokenEntity, Long> {

    Optional<ApiTokenEntity> findByTokenSha256AndRevokedAtIsNull(String tokenSha256);

    /** How many live tokens each person has: the people page shows what there is to revoke. */
    @Query("SELECT t.person.name, COUNT(t) FROM ApiTokenEntity t WHERE t.revokedAt IS NULL GROUP BY t.person.name")
    List<Object[]> countLiveByPerson();

    /** Revokes every live token of the person; answers how many. */
    @Modifying
    @Query(value = "UPDATE train_api_token SET revoked_at = now() WHERE revoked_at IS NULL"
            + " AND person_id = (SELECT id FROM train_person WHERE name = :name)", nativeQuery = true)
    int revokeAll(@Param("name") String name);
}
