package io.pushtrain.distribution;

/**
 * What a host's health check (the agent's post-switch command) said about the build it switched to.
 *
 * @param status healthy or not
 * @param exitCode the command's exit code (null when the host does not say)
 * @param output a short line of its output, the last non-blank one (may be null)
 */
public record HostHealth(Status status, Integer exitCode, String output) {

    /** Healthy or not. */
    public enum Status {
        HEALTHY, UNHEALTHY
    }

    static final int MAX_OUTPUT = 300;

    public HostHealth {
        if (status == null) {
            throw new DistributionException.Invalid("health needs a status: HEALTHY or UNHEALTHY");
        }
        output = output == null || output.isBlank() ? null
                : output.strip().substring(0, Math.min(MAX_OUTPUT, output.strip().length()));
    }

    public boolean healthy() {
        return status == Status.HEALTHY;
    }

    /** "exit 3: health check failed on :8080", for people. */
    public String words() {
        return (exitCode == null ? status.name().toLowerCase() : "exit " + exitCode) + (output == null ? "" : ": " + output);
    }
}
