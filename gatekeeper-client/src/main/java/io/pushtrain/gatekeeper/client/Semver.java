package io.pushtrain.gatekeeper.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A semantic version, {@code 1.2.3} or {@code 1.2.3-beta.1}; a pre-release sorts before its release. */
record Semver(long major, long minor, long patch, String preRelease) implements Comparable<Semver> {

    private static final Pattern FORM = Pattern.compile("v?(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

    /** The version, or {@code null} when the text is not one. */
    static Semver parse(Object text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text.toString().strip());
        if (!m.matches()) {
            return null;
        }
        return new Semver(Long.parseLong(m.group(1)), number(m.group(2)), number(m.group(3)), m.group(4));
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    @Override
    public int compareTo(Semver other) {
        int byNumbers = major != other.major ? Long.compare(major, other.major)
                : minor != other.minor ? Long.compare(minor, other.minor) : Long.compare(patch, other.patch);
        if (byNumbers != 0) {
            return byNumbers;
        }
        if (preRelease == null || other.preRelease == null) {
            return preRelease == null ? (other.preRelease == null ? 0 : 1) : -1;
        }
        return comparePreRelease(preRelease, other.preRelease);
    }

    private static int comparePreRelease(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            boolean leftNumber = left[i].chars().allMatch(Character::isDigit);
            boolean rightNumber = right[i].chars().allMatch(Character::isDigit);
            int c = leftNumber && rightNumber ? Long.compare(Long.parseLong(left[i]), Long.parseLong(right[i]))
                    : leftNumber ? -1 : rightNumber ? 1 : left[i].compareTo(right[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }
}
