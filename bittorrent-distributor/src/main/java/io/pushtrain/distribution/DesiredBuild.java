package io.pushtrain.distribution;

/**
 * The build a host should run: its tier's desired artifact, and the manifest the server signed
 * for it, which the host checks before it switches.
 */
public record DesiredBuild(String artifactId, String sha256, long size, String fileName, BuildManifest manifest) {
}
