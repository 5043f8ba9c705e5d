package io.pushtrain.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operator's {@code --post-switch} command: {@code sh -c <command>} in the new release
 * directory, output (stdout and stderr) into {@code <dir>/post-switch.log}. A file rather than
 * a pipe: a command that starts a daemon which keeps the pipe open must not hang the agent.
 */
final class PostSwitchCommand {

    static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** How it went: {@code ok}, else the exit code and the output's last non-blank line. */
    record Outcome(boolean ok, int exitCode, String lastLine) {

        String detail() {
            return "post-switch command exited " + exitCode + (lastLine.isEmpty() ? "" : ": " + lastLine);
        }
    }

    private PostSwitchCommand() {
    }

    static Outcome run(String command, Path releaseDir, String artifactId, Path logFile) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(releaseDir.toFile())
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().put("PUSHTRAIN_RELEASE", artifactId);
        builder.environment().put("PUSHTRAIN_RELEASE_DIR", releaseDir.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Outcome(false, -1, "cannot start sh: " + e.getMessage());
        }
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return new Outcome(false, -1, "timed out after " + TIMEOUT.toMinutes() + " min");
        }
        return new Outcome(process.exitValue() == 0, process.exitValue(), lastLine(logFile));
    }

    private static String lastLine(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    String line = lines.get(i).strip();
                    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
                }
            }
            return "";
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }
}
