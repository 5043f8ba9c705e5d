package io.pushtrain.train;

import java.util.List;

/** A commit on trunk, as a front-end lists it. */
public record TrunkCommit(String commit, String subject, String author, List<String> paths) {
}
