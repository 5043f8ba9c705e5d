package io.pushtrain.train;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How picks are decided.
 *
 * @param selfApproval whether a release engineer may approve their own pick; false is the
 *        two-person rule: another release engineer approves it (refused with 403 otherwise)
 */
@ConfigurationProperties("pushtrain.picks")
public record PickProperties(@DefaultValue("true") boolean selfApproval) {
}
