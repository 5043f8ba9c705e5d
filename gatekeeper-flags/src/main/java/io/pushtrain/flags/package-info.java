/**
 * Gatekeeper on the server: flags stored with every version, the {@link io.pushtrain.flags.Flags} service and the
 * {@link io.pushtrain.flags.FlagChanged} event. Rules and evaluation come from the client SDK
 * ({@code io.pushtrain.gatekeeper.client}), so the server and applications answer alike. A leaf: it imports
 * nothing of the train or the server; its one allowed dependency is that SDK, which is part of Gatekeeper too.
 */
@org.springframework.modulith.ApplicationModule(displayName = "gatekeeper-flags", allowedDependencies = { "gatekeeper :: client" })
package io.pushtrain.flags;
