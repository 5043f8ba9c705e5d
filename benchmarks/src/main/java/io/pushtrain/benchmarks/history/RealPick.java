package io.pushtrain.benchmarks.history;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One backport found on a release branch: the {@code original} trunk commit its trailer names,
 * the {@code parent} it was picked onto, and the {@code shipped} commit the project made of it.
 */
record RealPick(String branch, ObjectId original, ObjectId parent, ObjectId shipped) {
}
