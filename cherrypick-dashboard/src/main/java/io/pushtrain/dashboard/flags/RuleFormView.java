package io.pushtrain.dashboard.flags;

import java.util.List;

import io.pushtrain.flags.FlagReach;
import io.pushtrain.flags.RuleReach;

/**
 * The rule form as the page shows it: the fields, the problems (each next to its rule when it names one), and the
 * reach of each rule when the rules as shown can be served.
 *
 * @param form the fields
 * @param problems every problem, as the flag's check words it
 * @param reach the reach of the rules as shown, {@code null} while they cannot be served
 * @param draft whether the form holds changes not saved yet
 */
public record RuleFormView(RuleForm form, List<String> problems, FlagReach reach, boolean draft) {

    public RuleFormView {
        problems = List.copyOf(problems);
    }

    /** The problems of the rule at this index: those that start with its number. */
    public List<String> problemsOf(int index) {
        String rule = "rule " + (index + 1);
        return problems.stream().filter(p -> p.startsWith(rule + ":") || p.startsWith(rule + " ")).toList();
    }

    /** The problems that name no rule: variants, the default. */
    public List<String> generalProblems() {
        return problems.stream().filter(p -> !p.matches("rule \\d+[: ].*")).toList();
    }

    public RuleReach reachOf(int index) {
        return reach == null || index >= reach.rules().size() ? null : reach.rules().get(index);
    }

    public List<String> operators() {
        return RuleForm.OPERATORS;
    }

    /** The variants a rule may serve; a rule's own choice stays offered even when that variant is gone. */
    public List<String> servable(String chosen) {
        List<String> names = form.variantNames();
        return chosen == null || chosen.isBlank() || names.contains(chosen) ? names
                : java.util.stream.Stream.concat(names.stream(), java.util.stream.Stream.of(chosen)).toList();
    }
}
