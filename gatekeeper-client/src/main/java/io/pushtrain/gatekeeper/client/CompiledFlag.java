package io.pushtrain.gatekeeper.client;

/**
 * A validated flag in its fast form: every answer it can give is built once, so evaluating allocates
 * nothing but the rollout hash state.
 */
public final class CompiledFlag {

    private final Flag flag;
    private final Evaluation disabled;
    private final Evaluation fallback;
    private final CompiledRule[] rules;

    CompiledFlag(Flag flag, CompiledRule[] rules) {
        this.flag = flag;
        Object defaultValue = flag.variants().get(flag.defaultVariant());
        this.disabled = Evaluation.of(flag.defaultVariant(), defaultValue, "disabled");
        this.fallback = Evaluation.of(flag.defaultVariant(), defaultValue, "default");
        this.rules = rules;
    }

    /** Validates and compiles a flag; {@link InvalidFlag} lists everything wrong with it. */
    public static CompiledFlag of(Flag flag) {
        return FlagCompiler.compile(flag);
    }

    public Flag flag() {
        return flag;
    }

    public String name() {
        return flag.name();
    }

    /** The first matching rule's variant, else the default; the kill switch serves the default to all. */
    public Evaluation evaluate(FlagUser user) {
        if (!flag.enabled()) {
            return disabled;
        }
        FlagUser who = user == null ? FlagUser.anonymous() : user;
        for (CompiledRule rule : rules) {
            if (rule.matches(who)) {
                return rule.result();
            }
        }
        return fallback;
    }

    /**
     * The number (from 1) of the first rule that matches this user, {@code 0} when none does; the kill switch is
     * not looked at, so the console can say who a rule reaches while the flag is off.
     */
    public int ruleFor(FlagUser user) {
        FlagUser who = user == null ? FlagUser.anonymous() : user;
        for (int i = 0; i < rules.length; i++) {
            if (rules[i].matches(who)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** A rule whose conditions must all hold, with its answer ready. */
    record CompiledRule(Condition[] conditions, Evaluation result) {
        boolean matches(FlagUser user) {
            for (Condition condition : conditions) {
                if (!condition.test(user)) {
                    return false;
                }
            }
            return true;
        }
    }
}
