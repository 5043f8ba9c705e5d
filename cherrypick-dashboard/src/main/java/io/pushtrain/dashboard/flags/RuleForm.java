package io.pushtrain.dashboard.flags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagJson;
import io.pushtrain.gatekeeper.client.Rule;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A flag as the console's form edits it: plain fields, a row per variant and a row per rule, each rule with the
 * fields of its conditions. It only turns text into a flag; what can be served is decided by the same check as
 * {@code PUT /api/flags/{name}}.
 *
 * @param description what the flag hides
 * @param team the owning team
 * @param enabled the kill switch
 * @param variants the variants, in order
 * @param defaultVariant served when no rule matches
 * @param rules the rules, in the order they are tried
 */
public record RuleForm(String description, String team, boolean enabled, List<VariantRow> variants, String defaultVariant,
        List<RuleRow> rules) {

    /** The conditions a rule can have, in the order the form shows their fields. */
    static final List<String> KINDS = List.of("users", "groups", "attribute", "percentage");

    /** The operators of an attribute rule, as the select offers them. */
    static final List<String> OPERATORS = List.of("in", "not_in", "eq", "semver_gte", "semver_lt", "gt", "lt");

    /** More rows than a person edits by hand; a forged form cannot make the page loop for long. */
    static final int MAX_ROWS = 200;

    private static final JsonMapper json = JsonMapper.builder().build();

    public RuleForm {
        variants = List.copyOf(variants);
        rules = List.copyOf(rules);
    }

    static RuleForm of(Flag flag) {
        List<VariantRow> variants = new ArrayList<>();
        flag.variants().forEach((name, value) -> variants.add(new VariantRow(name, FlagJson.write(value))));
        return new RuleForm(flag.description(), flag.team(), flag.enabled(), variants, flag.defaultVariant(),
                flag.rules().stream().map(RuleRow::of).toList());
    }

    /** The form as posted: {@code variant.0.name}, {@code rule.0.kinds}, {@code rule.0.users}, ... */
    static RuleForm read(Map<String, String> form) {
        List<VariantRow> variants = new ArrayList<>();
        for (int i = 0; i < MAX_ROWS && form.containsKey("variant." + i + ".name"); i++) {
            variants.add(new VariantRow(text(form, "variant." + i + ".name"), text(form, "variant." + i + ".value")));
        }
        List<RuleRow> rules = new ArrayList<>();
        for (int i = 0; i < MAX_ROWS && form.containsKey("rule." + i + ".kinds"); i++) {
            String p = "rule." + i + ".";
            List<String> kinds = KINDS.stream().filter(List.of(text(form, p + "kinds").split(","))::contains).toList();
            rules.add(new RuleRow(kinds, text(form, p + "users"), text(form, p + "groups"), text(form, p + "attribute"),
                    text(form, p + "op"), text(form, p + "values"), text(form, p + "percentage"), text(form, p + "serve")));
        }
        return new RuleForm(text(form, "description"), text(form, "team"), "true".equals(form.get("enabled")),
                variants, text(form, "defaultVariant"), rules);
    }

    /**
     * What a button other than Save does to the form: {@code add-users} (or another kind), {@code remove-2},
     * {@code up-2}, {@code down-2} for the rule at index 2, {@code add-variant}.
     */
    RuleForm apply(String action) {
        List<RuleRow> edited = new ArrayList<>(rules);
        List<VariantRow> variantRows = new ArrayList<>(variants);
        int dash = action.lastIndexOf('-');
        String verb = dash < 0 ? action : action.substring(0, dash);
        String what = dash < 0 ? "" : action.substring(dash + 1);
        int at = what.chars().allMatch(Character::isDigit) && !what.isEmpty() && what.length() < 4
                ? Integer.parseInt(what) : -1;
        switch (verb) {
            case "add" -> {
                if (what.equals("variant")) {
                    variantRows.add(new VariantRow("", ""));
                }
                else if (KINDS.contains(what) && edited.size() < MAX_ROWS) {
                    edited.add(RuleRow.blank(what, firstServe()));
                }
            }
            case "remove" -> {
                if (at >= 0 && at < edited.size()) {
                    edited.remove(at);
                }
            }
            case "up" -> swap(edited, at, at - 1);
            case "down" -> swap(edited, at, at + 1);
            default -> {
                // an unknown button changes nothing; the page shows the form as it was
            }
        }
        return new RuleForm(description, team, enabled, variantRows, defaultVariant, edited);
    }

    /** The flag this form describes, or what stops the form from being read as one. */
    Draft toFlag(String name) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (VariantRow variant : variants) {
            if (variant.name().isBlank()) {
                continue;
            }
            if (values.containsKey(variant.name())) {
                problems.add("variant '" + variant.name() + "' is named twice; give each variant its own name");
            }
            values.put(variant.name(), variant.parsed());
        }
        List<Rule> parsed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            parsed.add(rules.get(i).toRule("rule " + (i + 1), problems));
        }
        Flag flag = new Flag(name, blankToNull(description), blankToNull(team), enabled, values,
                blankToNull(defaultVariant), parsed, null);
        return new Draft(flag, problems);
    }

    /** The variant names a rule may serve, as the selects offer them (the one a row names, even if it is gone). */
    public List<String> variantNames() {
        return variants.stream().map(VariantRow::name).filter(n -> !n.isBlank()).distinct().toList();
    }

    private String firstServe() {
        List<String> names = variantNames();
        return names.contains("on") ? "on" : names.isEmpty() ? "" : names.get(0);
    }

    private static void swap(List<RuleRow> rows, int from, int to) {
        if (from >= 0 && to >= 0 && from < rows.size() && to < rows.size()) {
            RuleRow moved = rows.get(from);
            rows.set(from, rows.get(to));
            rows.set(to, moved);
        }
    }

    private static String text(Map<String, String> form, String key) {
        String value = form.get(key);
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** A flag read from the form, and what the form itself could not read (before the flag's own check). */
    public record Draft(Flag flag, List<String> problems) {
    }

    /**
     * One variant: its name and its JSON value ({@code true}, {@code "red"}, {@code 3}); text that is not JSON is
     * taken as a string, so {@code red} means {@code "red"}.
     */
    public record VariantRow(String name, String value) {

        Object parsed() {
            try {
                return json.readValue(value, Object.class);
            }
            catch (JacksonException notJson) {
                return value;
            }
        }
    }

    /**
     * One rule as text: which conditions it has and the text of each field. Lists are separated by commas.
     */
    public record RuleRow(List<String> kinds, String users, String groups, String attribute, String op, String values,
            String percentage, String serve) {

        public RuleRow {
            kinds = List.copyOf(kinds);
        }

        static RuleRow blank(String kind, String serve) {
            return new RuleRow(List.of(kind), "", "", "", "in", "", kind.equals("percentage") ? "10" : "", serve);
        }

        static RuleRow of(Rule rule) {
            List<String> kinds = new ArrayList<>();
            if (rule.users() != null) {
                kinds.add("users");
            }
            if (rule.groups() != null) {
                kinds.add("groups");
            }
            if (rule.attribute() != null || rule.op() != null || rule.values() != null) {
                kinds.add("attribute");
            }
            if (rule.percentage() != null) {
                kinds.add("percentage");
            }
            return new RuleRow(kinds, join(rule.users()), join(rule.groups()), orEmpty(rule.attribute()),
                    orEmpty(rule.op()), join(rule.values()), rule.percentage() == null ? "" : number(rule.percentage()),
                    orEmpty(rule.serve()));
        }

        public boolean has(String kind) {
            return kinds.contains(kind);
        }

        /** For the hidden field that carries the kinds through a round trip. */
        public String kindList() {
            return String.join(",", kinds);
        }

        public String kind() {
            return String.join(" + ", kinds);
        }

        Rule toRule(String where, List<String> problems) {
            List<String> userIds = has("users") ? list(users) : null;
            if (userIds != null && userIds.isEmpty()) {
                problems.add(where + ": the users list is empty; name at least one user id (separate them with commas)");
            }
            List<String> groupNames = has("groups") ? list(groups) : null;
            if (groupNames != null && groupNames.isEmpty()) {
                problems.add(where + ": the groups list is empty; name at least one group, such as employees");
            }
            Double share = has("percentage") ? percentage(where, problems) : null;
            boolean compares = has("attribute");
            return new Rule(userIds, groupNames, compares ? blankToNull(attribute) : null,
                    compares ? blankToNull(op) : null, compares ? operands() : null, share, blankToNull(serve));
        }

        private Double percentage(String where, List<String> problems) {
            String text = percentage.endsWith("%") ? percentage.substring(0, percentage.length() - 1).strip() : percentage;
            if (text.isEmpty()) {
                problems.add(where + ": give the percentage of users, 0 to 100");
                return null;
            }
            try {
                return Double.parseDouble(text);
            }
            catch (NumberFormatException notANumber) {
                problems.add(where + ": percentage '" + percentage + "' is not a number; write 0 to 100, such as 12.5");
                return null;
            }
        }

        /** Numbers stay numbers for gt and lt, so the stored flag reads as the API would have written it. */
        private List<Object> operands() {
            List<Object> operands = new ArrayList<>();
            for (String value : list(values)) {
                if (op.equals("gt") || op.equals("lt")) {
                    try {
                        double number = Double.parseDouble(value);
                        operands.add(number == Math.rint(number) && Math.abs(number) < 1e15 ? (Object) (long) number : number);
                        continue;
                    }
                    catch (NumberFormatException notANumber) {
                        // kept as text: the flag's check says that gt compares numbers
                    }
                }
                operands.add(value);
            }
            return operands;
        }

        private static List<String> list(String text) {
            List<String> items = new ArrayList<>();
            for (String item : text.split("[,\\n]")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
            return items;
        }

        private static String join(List<?> items) {
            if (items == null) {
                return "";
            }
            List<String> texts = new ArrayList<>();
            items.forEach(item -> texts.add(String.valueOf(item)));
            return String.join(", ", texts);
        }

        private static String orEmpty(String text) {
            return text == null ? "" : text;
        }

        private static String number(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
    }
}
