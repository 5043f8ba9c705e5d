package io.pushtrain.gatekeeper.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A feature flag as a product team writes it: a kill switch, variants, a default and rules tried in order.
 *
 * @param name the flag's name, unique on the server
 * @param description what the flag hides, for people
 * @param team the owning team
 * @param enabled the kill switch: {@code false} serves {@code defaultVariant} to everyone
 * @param variants variant name to its JSON value ({@code true}/{@code false} for a boolean flag)
 * @param defaultVariant served when no rule matches or the flag is off
 * @param rules tried in order; the first that matches serves its variant
 * @param version the stored version, {@code null} for a flag not stored yet
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Flag(String name, String description, String team, boolean enabled, Map<String, Object> variants,
        String defaultVariant, List<Rule> rules, Long version) {

    public Flag {
        variants = variants == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variants));
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A boolean flag with the variants {@code on} ({@code true}) and {@code off} ({@code false}). */
    public static Flag booleanFlag(String name, boolean enabled, List<Rule> rules) {
        return new Flag(name, null, null, enabled, Map.of("on", true, "off", false), "off", rules, null);
    }

    public Flag withName(String newName) {
        return new Flag(newName, description, team, enabled, variants, defaultVariant, rules, version);
    }

    public Flag withVersion(Long newVersion) {
        return new Flag(name, description, team, enabled, variants, defaultVariant, rules, newVersion);
    }

    public Flag withEnabled(boolean on) {
        return new Flag(name, description, team, on, variants, defaultVariant, rules, version);
    }
}
