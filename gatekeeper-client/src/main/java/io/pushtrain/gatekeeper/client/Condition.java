package io.pushtrain.gatekeeper.client;

import java.util.Collection;
import java.util.Set;

/** One compiled condition of a rule: operands parsed and put in sets once, when the flag is loaded. */
interface Condition {

    boolean test(FlagUser user);

    /** The user's id is in the list. */
    record Users(Set<String> ids) implements Condition {
        @Override
        public boolean test(FlagUser user) {
            return user.id() != null && ids.contains(user.id());
        }
    }

    /** One of the user's groups is in the list. */
    record Groups(Set<String> groups) implements Condition {
        @Override
        public boolean test(FlagUser user) {
            Object mine = user.attribute(FlagUser.GROUPS);
            if (mine instanceof Collection<?> many) {
                for (Object group : many) {
                    if (group != null && groups.contains(group.toString())) {
                        return true;
                    }
                }
                return false;
            }
            return mine != null && groups.contains(mine.toString());
        }
    }

    /** {@code in} and {@code eq} (a set of one), or their negation {@code not_in}. */
    record OneOf(String attribute, Set<String> values, boolean negated) implements Condition {
        @Override
        public boolean test(FlagUser user) {
            Object value = user.attribute(attribute);
            // A user without the attribute matches no condition on it, not even not_in.
            return value != null && values.contains(value.toString()) != negated;
        }
    }

    /** {@code gt} and {@code lt} on numbers. */
    record Compare(String attribute, double operand, boolean greater) implements Condition {
        @Override
        public boolean test(FlagUser user) {
            Object value = user.attribute(attribute);
            double number;
            if (value instanceof Number n) {
                number = n.doubleValue();
            }
            else if (value != null) {
                try {
                    number = Double.parseDouble(value.toString());
                }
                catch (NumberFormatException notANumber) {
                    return false; // a non-number is neither greater nor less
                }
            }
            else {
                return false;
            }
            return greater ? number > operand : number < operand;
        }
    }

    /** {@code semver_gte} and {@code semver_lt}. */
    record Version(String attribute, Semver operand, boolean atLeast) implements Condition {
        @Override
        public boolean test(FlagUser user) {
            Semver version = Semver.parse(user.attribute(attribute));
            if (version == null) {
                return false;
            }
            int c = version.compareTo(operand);
            return atLeast ? c >= 0 : c < 0;
        }
    }

    /** The user's sticky bucket is below the rollout's threshold. */
    record Percentage(byte[] prefix, int threshold) implements Condition {
        @Override
        public boolean test(FlagUser user) {
            return user.id() != null && threshold > 0 && Bucketing.bucket(prefix, user.id()) < threshold;
        }
    }
}
