package io.pushtrain.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The git program in one worktree, with git's defaults: no user or system configuration. The
 * benchmarks' one way to run git, the oracle they are measured against.
 */
public final class GitCli {

    /** What one git command did. */
    public record Run(int exit, String out) {
    }

    private final Path worktree;
    private final Path home;

    public GitCli(Path worktree, Path home) {
        this.worktree = worktree;
        this.home = home;
    }

    /** Runs git and answers what it did, whatever its exit code. */
    public Run attempt(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "gc.auto=0", "-c", "maintenance.auto=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(worktree.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("GIT_"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "unused");
        env.put("GIT_AUTHOR_EMAIL", "unused@example.com");
        env.put("GIT_COMMITTER_NAME", "pushtrain train");
        env.put("GIT_COMMITTER_EMAIL", "train@pushtrain.invalid");
        env.put("GIT_COMMITTER_DATE", "@1715600000 +0000");
        env.put("LC_ALL", "C");
        try {
            // Output goes to a file: a big conflict report must never block the process on a full pipe.
            File out = Files.createTempFile(home, "git", ".out").toFile();
            builder.redirectOutput(out);
            Process process = builder.start();
            process.getOutputStream().close();
            int exit = process.waitFor();
            String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            Files.delete(out.toPath());
            return new Run(exit, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs git and answers its output; an exit code other than 0 is an error. */
    public String run(String... args) {
        Run run = attempt(args);
        if (run.exit() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " exited " + run.exit() + ": " + run.out());
        }
        return run.out().strip();
    }
}
