package io.pushtrain.flags;

/**
 * What a flag serves one user of a "who sees this?" list, and which rule decided it.
 *
 * @param user the user id as asked ({@code null} for an anonymous user)
 * @param variant the variant served
 * @param value its JSON value
 * @param enabled {@code value == true}
 * @param reason the evaluation's reason: {@code rule 2: group employees}, {@code default} or {@code disabled}
 * @param rule the number of the rule that served it, {@code 0} for the default or while the flag is off
 */
public record AudienceAnswer(String user, String variant, Object value, boolean enabled, String reason, int rule) {
}
