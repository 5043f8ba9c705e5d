package io.pushtrain.gatekeeper.client;

/**
 * What a flag serves one user: the variant, its value, whether that value is {@code true}, and why.
 *
 * @param variant the variant served, {@code null} when the flag is unknown or broken
 * @param value the variant's JSON value
 * @param enabled {@code value == true}
 * @param reason the matched rule ("rule 2: group employees"), or "default", "disabled", "unknown flag"
 */
public record Evaluation(String variant, Object value, boolean enabled, String reason) {

    static Evaluation of(String variant, Object value, String reason) {
        return new Evaluation(variant, value, Boolean.TRUE.equals(value), reason);
    }

    static Evaluation missing(String reason) {
        return new Evaluation(null, null, false, reason);
    }

    /** True when a rule, not the default or the kill switch, chose the variant. */
    public boolean matchedRule() {
        return reason != null && reason.startsWith("rule ");
    }
}
