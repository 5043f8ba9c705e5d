package io.pushtrain.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The review webhook.
 *
 * @param webhookSecret the shared secret review tools sign {@code POST /api/reviews} bodies with
 *        (HMAC-SHA256, as GitHub and Gitea sign theirs); unset, only a release engineer may post reviews
 */
@ConfigurationProperties("pushtrain.reviews")
public record ReviewsProperties(String webhookSecret) {

    public ReviewsProperties {
        webhookSecret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret;
    }
}
