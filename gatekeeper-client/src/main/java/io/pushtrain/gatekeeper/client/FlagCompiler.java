package io.pushtrain.gatekeeper.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a flag and turns its rules into conditions; refuses what could never be served as written. */
final class FlagCompiler {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    static final Set<String> OPERATORS = Set.of("in", "not_in", "eq", "semver_gte", "semver_lt", "gt", "lt");

    private FlagCompiler() {
    }

    static CompiledFlag compile(Flag flag) {
        List<String> problems = new ArrayList<>();
        String name = flag.name() == null ? "" : flag.name();
        if (!NAME.matcher(name).matches()) {
            problems.add("the name must be 1 to 100 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        if (flag.variants().isEmpty()) {
            problems.add("a flag needs at least one variant, e.g. {\"on\": true, \"off\": false}");
        }
        else if (flag.defaultVariant() == null || !flag.variants().containsKey(flag.defaultVariant())) {
            problems.add("defaultVariant '" + flag.defaultVariant() + "' is not one of the variants " + flag.variants().keySet());
        }
        byte[] prefix = (name + ":").getBytes(StandardCharsets.UTF_8);
        List<CompiledFlag.CompiledRule> rules = new ArrayList<>();
        String catchAll = null;
        for (int i = 0; i < flag.rules().size(); i++) {
            String where = "rule " + (i + 1);
            Rule rule = flag.rules().get(i);
            if (rule == null) {
                problems.add(where + " is empty");
                continue;
            }
            if (catchAll != null) {
                problems.add(where + " can never match: " + catchAll + " already matches every user");
            }
            RuleParts parts = new RuleParts(where, problems);
            Condition[] conditions = parts.conditions(rule, prefix);
            if (rule.serve() == null || !flag.variants().containsKey(rule.serve())) {
                problems.add(where + " serves '" + rule.serve() + "', which is not one of the variants " + flag.variants().keySet());
            }
            if (catchAll == null && conditions.length == 1 && rule.percentage() != null && rule.percentage() == 100) {
                catchAll = where + " (100%)";
            }
            Object value = flag.variants().get(rule.serve());
            rules.add(new CompiledFlag.CompiledRule(conditions,
                    Evaluation.of(rule.serve(), value, where + ": " + parts.describe(rule))));
        }
        if (!problems.isEmpty()) {
            throw new InvalidFlag(name, problems);
        }
        return new CompiledFlag(flag, rules.toArray(CompiledFlag.CompiledRule[]::new));
    }

    /** The conditions of one rule, each problem reported against the rule's number. */
    private record RuleParts(String where, List<String> problems) {

        Condition[] conditions(Rule rule, byte[] prefix) {
            List<Condition> conditions = new ArrayList<>();
            if (rule.users() != null) {
                conditions.add(new Condition.Users(nonEmpty(rule.users(), "users")));
            }
            if (rule.groups() != null) {
                conditions.add(new Condition.Groups(nonEmpty(rule.groups(), "groups")));
            }
            if (rule.attribute() != null || rule.op() != null || rule.values() != null) {
                Condition condition = attribute(rule);
                if (condition != null) {
                    conditions.add(condition);
                }
            }
            if (rule.percentage() != null) {
                double percentage = rule.percentage();
                if (!(percentage >= 0 && percentage <= 100)) {
                    problems.add(where + ": percentage " + format(percentage) + " is outside 0-100");
                }
                conditions.add(new Condition.Percentage(prefix, (int) Math.round(percentage * 100)));
            }
            if (conditions.isEmpty() && problems.stream().noneMatch(p -> p.startsWith(where + ":"))) {
                problems.add(where + " has no condition: give it users, groups, an attribute with op and values, or a percentage");
            }
            return conditions.toArray(Condition[]::new);
        }

        private Condition attribute(Rule rule) {
            if (rule.attribute() == null || rule.attribute().isBlank()) {
                problems.add(where + ": 'op' and 'values' need an 'attribute' to compare, e.g. \"country\"");
                return null;
            }
            String op = rule.op() == null ? null : rule.op().toLowerCase(Locale.ROOT);
            if (op == null || !OPERATORS.contains(op)) {
                problems.add(where + ": unknown operator '" + rule.op() + "'; use one of in, not_in, eq, semver_gte, semver_lt, gt, lt");
                return null;
            }
            List<Object> values = rule.values() == null ? List.of() : rule.values();
            if (values.isEmpty() || values.stream().anyMatch(v -> v == null)) {
                problems.add(where + ": " + op + " on '" + rule.attribute() + "' has no values, so it can never match");
                return null;
            }
            if (!op.endsWith("in") && values.size() != 1) {
                problems.add(where + ": " + op + " takes exactly one value, got " + values.size());
                return null;
            }
            return operand(rule.attribute(), op, values);
        }

        private Condition operand(String attribute, String op, List<Object> values) {
            switch (op) {
                case "in", "not_in", "eq" -> {
                    Set<String> set = new HashSet<>();
                    values.forEach(v -> set.add(v.toString()));
                    return new Condition.OneOf(attribute, Set.copyOf(set), op.equals("not_in"));
                }
                case "semver_gte", "semver_lt" -> {
                    Semver version = Semver.parse(values.get(0));
                    if (version == null) {
                        problems.add(where + ": '" + values.get(0) + "' is not a version like 2.14.0");
                        return null;
                    }
                    return new Condition.Version(attribute, version, op.equals("semver_gte"));
                }
                default -> {
                    Object value = values.get(0);
                    try {
                        double number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
                        return new Condition.Compare(attribute, number, op.equals("gt"));
                    }
                    catch (NumberFormatException notANumber) {
                        problems.add(where + ": " + op + " compares numbers and '" + value + "' is not one");
                        return null;
                    }
                }
            }
        }

        private Set<String> nonEmpty(List<String> list, String what) {
            if (list.isEmpty() || list.stream().anyMatch(s -> s == null || s.isBlank())) {
                problems.add(where + ": an empty or blank entry in '" + what + "' can never match");
            }
            Set<String> set = new HashSet<>();
            list.stream().filter(s -> s != null).forEach(set::add);
            return Set.copyOf(set);
        }

        String describe(Rule rule) {
            List<String> parts = new ArrayList<>();
            if (rule.users() != null) {
                parts.add((rule.users().size() == 1 ? "user " : "users ") + String.join(", ", rule.users()));
            }
            if (rule.groups() != null) {
                parts.add((rule.groups().size() == 1 ? "group " : "groups ") + String.join(", ", rule.groups()));
            }
            if (rule.attribute() != null) {
                parts.add(rule.attribute() + " " + rule.op() + " " + (rule.values() == null ? "[]"
                        : rule.values().size() == 1 && !"in".equals(rule.op()) && !"not_in".equals(rule.op())
                                ? rule.values().get(0) : rule.values()));
            }
            if (rule.percentage() != null) {
                parts.add(format(rule.percentage()) + "% rollout");
            }
            return String.join(" and ", parts);
        }

        private static String format(double percentage) {
            return percentage == Math.rint(percentage) ? Long.toString((long) percentage) : Double.toString(percentage);
        }
    }
}
