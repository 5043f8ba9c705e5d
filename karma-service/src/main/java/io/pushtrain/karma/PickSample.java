package io.pushtrain.karma;

/**
 * A pick as risk sees it: how big it is and how much it was discussed.
 *
 * @param pickKey the core's name for the pick (its id); may be null for a pick not yet requested
 * @param lines lines added plus lines removed
 * @param files files touched
 * @param discussion the {@link Discussion#score()} of its review, 0 when none is known
 */
public record PickSample(String pickKey, int lines, int files, int discussion) {

    public PickSample {
        if (lines < 0 || files < 0 || discussion < 0) {
            throw new KarmaException.Invalid("A pick's lines, files and discussion are 0 or more; got " + lines
                    + " lines, " + files + " files, discussion " + discussion + ".");
        }
        if (pickKey != null && (pickKey.isBlank() || pickKey.length() > 100)) {
            throw new KarmaException.Invalid("A pick key is 1 to 100 characters; got '" + pickKey + "'.");
        }
    }
}
