package io.pushtrain.flags;

import java.util.ArrayList;
import java.util.List;

import io.pushtrain.gatekeeper.client.CompiledFlag;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagUser;
import io.pushtrain.gatekeeper.client.Rule;

/**
 * Counts whom each rule serves in a sample: every user goes to the first rule that matches, exactly as the SDK
 * evaluates, so a rule's count leaves out whoever an earlier rule caught.
 */
final class ReachCount {

    private ReachCount() {
    }

    /** @throws io.pushtrain.gatekeeper.client.InvalidFlag when the flag could not be served as written */
    static FlagReach of(Flag flag, List<FlagUser> users, ReachSample sample) {
        CompiledFlag compiled = CompiledFlag.of(flag);
        int[] reached = new int[flag.rules().size() + 1];
        for (FlagUser user : users) {
            reached[compiled.ruleFor(user)]++;
        }
        List<RuleReach> rules = new ArrayList<>();
        for (int i = 0; i < flag.rules().size(); i++) {
            Rule rule = flag.rules().get(i);
            rules.add(new RuleReach(i + 1, kind(rule), condition(rule), rule.serve(), rule.users(), rule.groups(),
                    reached[i + 1], share(reached[i + 1], users.size())));
        }
        RuleReach fallback = new RuleReach(0, "default", "no rule matches", flag.defaultVariant(), null, null,
                reached[0], share(reached[0], users.size()));
        return new FlagReach(flag.name(), flag.version(), flag.enabled(), sample, rules, fallback);
    }

    private static Double share(int reached, int size) {
        return size == 0 ? null : (double) reached / size;
    }

    /** The conditions a rule has, by kind: what the console shows a field for. */
    static List<String> kinds(Rule rule) {
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
        return kinds;
    }

    private static String kind(Rule rule) {
        return String.join(" + ", kinds(rule));
    }

    /** The rule in the words an evaluation's reason uses. */
    private static String condition(Rule rule) {
        List<String> parts = new ArrayList<>();
        if (rule.users() != null) {
            parts.add((rule.users().size() == 1 ? "user " : "users ") + String.join(", ", rule.users()));
        }
        if (rule.groups() != null) {
            parts.add((rule.groups().size() == 1 ? "group " : "groups ") + String.join(", ", rule.groups()));
        }
        if (rule.attribute() != null) {
            boolean list = "in".equals(rule.op()) || "not_in".equals(rule.op());
            parts.add(rule.attribute() + " " + rule.op() + " " + (rule.values() != null && rule.values().size() == 1
                    && !list ? rule.values().get(0) : rule.values()));
        }
        if (rule.percentage() != null) {
            double p = rule.percentage();
            parts.add((p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "% rollout");
        }
        return String.join(" and ", parts);
    }
}
