package io.pushtrain.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The git program, run in the benchmark's worktree with no user or system configuration. */
final class GitCli {

    private final Path worktree;
    private final Path home;

    GitCli(Path worktree, Path home) {
        this.worktree = worktree;
        this.home = home;
    }

    String run(String... args) {
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
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " exited " + exit + ": " + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
