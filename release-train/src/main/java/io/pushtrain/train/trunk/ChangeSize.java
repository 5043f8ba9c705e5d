package io.pushtrain.train.trunk;

/** How big a commit is against its first parent: files touched, lines added and removed. */
public record ChangeSize(int files, int linesAdded, int linesRemoved) {

    /** Lines added plus lines removed, the number a pick's risk grows with. */
    public int lines() {
        return linesAdded + linesRemoved;
    }
}
