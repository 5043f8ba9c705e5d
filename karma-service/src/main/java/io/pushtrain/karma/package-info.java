/**
 * Push karma and pick risk, a leaf module: every requester's stars (1 to 5) and who changed
 * them why, the discussion a change had in code review, and how a pick's size and discussion
 * compare with recent picks. Its API is this package; sub-packages are internal. It imports
 * nothing else of pushtrain: the core calls it and listens to {@link io.pushtrain.karma.KarmaChanged}.
 */
@ApplicationModule(displayName = "karma-service", allowedDependencies = {})
package io.pushtrain.karma;

import org.springframework.modulith.ApplicationModule;
