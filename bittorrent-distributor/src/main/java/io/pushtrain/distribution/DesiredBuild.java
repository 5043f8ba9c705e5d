package io.pushtrain.distribution;

/** The build a host should run: its tier's desired artifact. */
public record DesiredBuild(String artifactId, String sha256, long size, String fileName) {
}
