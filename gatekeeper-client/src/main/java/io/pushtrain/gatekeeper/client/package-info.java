/**
 * The Gatekeeper client SDK: the flag model and its local evaluator, {@link io.pushtrain.gatekeeper.client.GatekeeperClient}
 * that follows the server, {@link io.pushtrain.gatekeeper.client.FakeGatekeeper} for tests, and an OpenFeature
 * provider. No Spring at run time (the annotation below is compile-only, for the server's module checks); Java 17.
 */
@org.springframework.modulith.NamedInterface("client")
package io.pushtrain.gatekeeper.client;
