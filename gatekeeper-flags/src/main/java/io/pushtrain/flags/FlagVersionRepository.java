package io.pushtrain.flags;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface FlagVersionRepository extends JpaRepository<FlagVersionRow, FlagVersionRow.Key> {

    List<FlagVersionRow> findByNameOrderByVersionDesc(String name);

    Optional<FlagVersionRow> findFirstByNameOrderByVersionDesc(String name);

    Optional<FlagVersionRow> findByNameAndVersion(String name, long version);
}
