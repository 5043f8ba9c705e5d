package io.pushtrain.distribution;

/**
 * Where a build came from, as its signed manifest says: the release branch and the push that
 * built it. Either may be null for a build published by hand.
 */
public record BuildOrigin(String train, String push) {

    public static final BuildOrigin UNKNOWN = new BuildOrigin(null, null);

    public BuildOrigin {
        train = clean(train);
        push = clean(push);
    }

    // A manifest is lines of "key value": a value with a line break would forge a second line.
    private static String clean(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 255 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new DistributionException.Invalid("a build's train and push are one short line each");
        }
        return value;
    }
}
