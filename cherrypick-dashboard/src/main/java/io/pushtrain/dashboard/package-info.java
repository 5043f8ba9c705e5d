/**
 * The release engineer's web console: today's push live over server-sent events, the pick
 * queue, the history of pushes, revision lookup and karma. A front-end: it calls release-train's
 * and karma's public services and listens to their events; nothing calls it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "cherrypick-dashboard",
        allowedDependencies = { "train", "karma" })
package io.pushtrain.dashboard;
