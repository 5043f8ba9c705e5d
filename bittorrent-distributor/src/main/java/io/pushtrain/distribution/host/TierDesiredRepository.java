package io.pushtrain.distribution.host;

import org.springframework.data.jpa.repository.JpaRepository;

/** Each tier's desired build. */
public interface TierDesiredRepository extends JpaRepository<TierDesiredEntity, String> {
}
