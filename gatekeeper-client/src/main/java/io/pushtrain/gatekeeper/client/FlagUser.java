package io.pushtrain.gatekeeper.client;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a flag is evaluated for: a stable user id and attributes ({@code country}, {@code appVersion},
 * {@code groups}, ...).
 *
 * @param id the user id; percentage rollouts and user lists need it
 * @param attributes attribute values: strings, numbers, booleans, and for {@code groups} a list
 */
public record FlagUser(String id, Map<String, Object> attributes) {

    /** The attribute that holds the user's groups. */
    public static final String GROUPS = "groups";

    private static final FlagUser ANONYMOUS = new FlagUser(null, Map.of());

    public FlagUser {
        attributes = attributes == null ? Map.of() : Map.copyOf(withoutNulls(attributes));
    }

    public static FlagUser of(String id) {
        return new FlagUser(id, Map.of());
    }

    public static FlagUser anonymous() {
        return ANONYMOUS;
    }

    /** This user with one more attribute. */
    public FlagUser with(String attribute, Object value) {
        Map<String, Object> more = new HashMap<>(attributes);
        more.put(attribute, value);
        return new FlagUser(id, more);
    }

    /** This user in these groups. */
    public FlagUser inGroups(String... groups) {
        return with(GROUPS, List.of(groups));
    }

    Object attribute(String name) {
        return attributes.get(name);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> attributes) {
        Map<String, Object> clean = new HashMap<>();
        attributes.forEach((key, value) -> {
            if (key != null && value != null) {
                clean.put(key, value instanceof Collection<?> many ? List.copyOf(many) : value);
            }
        });
        return clean;
    }
}
