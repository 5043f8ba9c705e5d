package io.pushtrain.flags;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface FlagRepository extends JpaRepository<FlagRow, String> {

    List<FlagRow> findAllByOrderByName();
}
