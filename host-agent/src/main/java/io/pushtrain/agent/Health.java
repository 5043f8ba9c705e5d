package io.pushtrain.agent;

/**
 * The health of this host after switching to a build: what the {@code --post-switch} command said
 * (its exit code and the last line of its output). Reported with every state while the build is
 * current, so the server's tier gate can stop a rollout that makes hosts unhealthy.
 */
record Health(String artifactId, boolean healthy, int exitCode, String output) {
}
