package io.pushtrain.train.people;

import java.util.List;
import java.util.Optional;

import io.pushtrain.train.Role;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PersonRepository extends JpaRepository<PersonEntity, Long> {

    Optional<PersonEntity> findByName(String name);

    Optional<PersonEntity> findByIrcAccount(String ircAccount);

    boolean existsByName(String name);

    boolean existsByIrcAccount(String ircAccount);

    List<PersonEntity> findAllByOrderByName();

    @Query("SELECT COUNT(p) FROM PersonEntity p WHERE :role MEMBER OF p.roles")
    long countWithRole(@Param("role") Role role);
}
