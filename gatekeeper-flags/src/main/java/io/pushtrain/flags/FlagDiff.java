package io.pushtrain.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagJson;

/** What differs between two versions of a flag, in words an editor can act on. */
final class FlagDiff {

    private FlagDiff() {
    }

    static List<String> between(Flag before, Flag after) {
        List<String> changes = new ArrayList<>();
        if (before == null || after == null) {
            changes.add(after == null ? "the flag was deleted" : "the flag was re-created");
            return changes;
        }
        field(changes, "description", before.description(), after.description());
        field(changes, "team", before.team(), after.team());
        field(changes, "enabled", before.enabled(), after.enabled());
        field(changes, "defaultVariant", before.defaultVariant(), after.defaultVariant());
        if (!Objects.equals(before.variants(), after.variants())) {
            changes.add("variants: " + FlagJson.write(before.variants()) + " -> " + FlagJson.write(after.variants()));
        }
        for (int i = 0; i < Math.max(before.rules().size(), after.rules().size()); i++) {
            Object was = i < before.rules().size() ? before.rules().get(i) : null;
            Object now = i < after.rules().size() ? after.rules().get(i) : null;
            if (!Objects.equals(was, now)) {
                changes.add("rule " + (i + 1) + ": " + json(was) + " -> " + json(now));
            }
        }
        return changes;
    }

    private static String json(Object rule) {
        return rule == null ? "none" : FlagJson.write(rule);
    }

    private static void field(List<String> changes, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(name + ": " + before + " -> " + after);
        }
    }
}
