package io.pushtrain.train.people;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PersonRepository extends JpaRepository<PersonEntity, Long> {

    Optional<PersonEntity> findByName(String name);

    Optional<PersonEntity> findByIrcAccount(String ircAccount);

    boolean existsByName(String name);

    boolean existsByIrcAccount(String ircAccount);

    List<PersonEntity> findAllByOrderByName();
}
