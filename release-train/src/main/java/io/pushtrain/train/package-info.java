/**
 * The release train, the domain core: people, trunk, trains and cuts, pick requests and
 * pushes. Its API is this package; sub-packages are internal. It may call the leaf modules
 * (karma, perf, distribution) and never a front-end: front-ends listen to its events.
 */
@ApplicationModule(displayName = "release-train", allowedDependencies = { "karma", "perf", "distribution" })
package io.pushtrain.train;

import org.springframework.modulith.ApplicationModule;
