package io.pushtrain.gatekeeper.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of compiled flags; a flag that does not compile (from a newer server, say) is kept
 * aside and answers its default instead of failing the caller.
 */
public final class FlagSnapshot {

    private static final FlagSnapshot EMPTY = new FlagSnapshot(Map.of(), Map.of());

    private final Map<String, CompiledFlag> compiled;
    private final Map<String, Flag> broken;

    private FlagSnapshot(Map<String, CompiledFlag> compiled, Map<String, Flag> broken) {
        this.compiled = compiled;
        this.broken = broken;
    }

    public static FlagSnapshot empty() {
        return EMPTY;
    }

    public static FlagSnapshot of(Collection<Flag> flags) {
        Map<String, CompiledFlag> compiled = new HashMap<>();
        Map<String, Flag> broken = new HashMap<>();
        for (Flag flag : flags) {
            add(flag, compiled, broken);
        }
        return new FlagSnapshot(Map.copyOf(compiled), Map.copyOf(broken));
    }

    /** This snapshot with one flag added or replaced. */
    public FlagSnapshot with(Flag flag) {
        Map<String, CompiledFlag> compiledNow = new HashMap<>(compiled);
        Map<String, Flag> brokenNow = new HashMap<>(broken);
        compiledNow.remove(flag.name());
        brokenNow.remove(flag.name());
        add(flag, compiledNow, brokenNow);
        return new FlagSnapshot(Map.copyOf(compiledNow), Map.copyOf(brokenNow));
    }

    /** This snapshot without a flag. */
    public FlagSnapshot without(String name) {
        Map<String, CompiledFlag> compiledNow = new HashMap<>(compiled);
        Map<String, Flag> brokenNow = new HashMap<>(broken);
        compiledNow.remove(name);
        brokenNow.remove(name);
        return new FlagSnapshot(Map.copyOf(compiledNow), Map.copyOf(brokenNow));
    }

    /** What the flag serves this user; an unknown flag answers no variant with reason "unknown flag". */
    public Evaluation evaluate(String name, FlagUser user) {
        CompiledFlag flag = name == null ? null : compiled.get(name);
        if (flag != null) {
            return flag.evaluate(user);
        }
        Flag invalid = name == null ? null : broken.get(name);
        if (invalid != null && invalid.variants().containsKey(invalid.defaultVariant())) {
            return Evaluation.of(invalid.defaultVariant(), invalid.variants().get(invalid.defaultVariant()),
                    "default: the flag is invalid here");
        }
        return Evaluation.missing(invalid != null ? "invalid flag" : "unknown flag");
    }

    public boolean contains(String name) {
        return compiled.containsKey(name) || broken.containsKey(name);
    }

    /** The flags as defined, by name. */
    public List<Flag> flags() {
        List<Flag> all = new ArrayList<>(broken.values());
        compiled.values().forEach(c -> all.add(c.flag()));
        all.sort(Comparator.comparing(Flag::name));
        return all;
    }

    private static void add(Flag flag, Map<String, CompiledFlag> compiled, Map<String, Flag> broken) {
        if (flag == null || flag.name() == null) {
            return;
        }
        try {
            compiled.put(flag.name(), CompiledFlag.of(flag));
        }
        catch (RuntimeException invalid) {
            broken.put(flag.name(), flag);
        }
    }
}
