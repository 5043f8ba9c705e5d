package io.pushtrain.train.people;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiTokenRepository extends JpaRepository<ApiTokenEntity, Long> {

    Optional<ApiTokenEntity> findByTokenSha256AndRevokedAtIsNull(String tokenSha256);
}
