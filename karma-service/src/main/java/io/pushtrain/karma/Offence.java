package io.pushtrain.karma;

/** What a pick can do wrong that may cost its requester karma automatically, when configured. */
public enum Offence {

    /** The pick did not apply to the release branch. */
    CONFLICT("the pick conflicted with the release branch"),
    /** The pick broke the tests of the release branch. */
    FAILED_TESTS("the pick broke the tests"),
    /** The pick shipped and had to be reverted. */
    REVERT("the pick was reverted after it shipped");

    private final String words;

    Offence(String words) {
        this.words = words;
    }

    /** The offence as a reason a person reads in the karma history. */
    public String words() {
        return words;
    }
}
