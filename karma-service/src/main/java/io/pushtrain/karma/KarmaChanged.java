package io.pushtrain.karma;

import java.time.Instant;

/**
 * Published after someone's karma changed, for front-ends to announce it (in IRC, on the dashboard).
 *
 * @param person whose karma changed
 * @param from stars before
 * @param to stars after
 * @param by who changed it
 * @param at when
 * @param reason why
 * @param refused whether the train now refuses this person's picks
 */
public record KarmaChanged(String person, int from, int to, String by, Instant at, String reason, boolean refused) {
}
