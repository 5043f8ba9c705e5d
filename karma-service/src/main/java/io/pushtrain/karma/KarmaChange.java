package io.pushtrain.karma;

import java.time.Instant;

/**
 * One change of a person's karma, kept for ever: a like, an unlike or an automatic effect.
 *
 * @param person whose karma changed
 * @param from stars before
 * @param to stars after (equal to {@code from} when the 1..5 range clamped the change)
 * @param by who changed it; {@value Karma#AUTOMATIC} for an automatic effect
 * @param at when
 * @param reason why, in the words of whoever changed it
 */
public record KarmaChange(String person, int from, int to, String by, Instant at, String reason) {
}
