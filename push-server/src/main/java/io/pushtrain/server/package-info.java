/**
 * The push server: wiring, security, embedded defaults and the REST error model.
 * It may use every module; no module uses it.
 */
package io.pushtrain.server;
