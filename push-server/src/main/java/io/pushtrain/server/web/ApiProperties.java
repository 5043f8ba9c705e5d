package io.pushtrain.server.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the REST API.
 *
 * @param maxBody the largest request body taken; a larger one is refused with 413
 */
@ConfigurationProperties("pushtrain.api")
record ApiProperties(@DefaultValue("1MB") DataSize maxBody) {
}
