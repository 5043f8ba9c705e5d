/**
 * The release engineer's web console: today's push live over server-sent events, the pick
 * queue, the history of pushes, revision lookup, karma, Gatekeeper's flag console and the
 * fleet's distribution. A front-end: it calls release-train's, karma's, flags' and
 * distribution's public services (and the flag model of Gatekeeper's client SDK) and listens
 * to their events; nothing calls it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "cherrypick-dashboard",
        allowedDependencies = { "train", "karma", "flags", "gatekeeper :: client", "distribution" })
package io.pushtrain.dashboard;
