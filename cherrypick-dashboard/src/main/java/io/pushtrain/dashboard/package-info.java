/**
 * The release engineer's web console: today's push live over server-sent events, the pick
 * queue, the history of pushes, revision lookup, karma and Gatekeeper's flag console. A front-end: it
 * calls release-train's, karma's and flags' public services (and the flag model of Gatekeeper's client SDK)
 * and listens to their events; nothing calls it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "cherrypick-dashboard",
        allowedDependencies = { "train", "karma", "flags", "gatekeeper :: client" })
package io.pushtrain.dashboard;
