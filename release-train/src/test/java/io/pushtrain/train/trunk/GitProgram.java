package io.pushtrain.train.trunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pushtrain.testsupport.ExternalPrograms;

/** The real git, run in one worktree with a fixed environment and no user or system config. */
final class GitProgram {

    /** What one git command did. */
    record Run(int exit, String out, String err) {

        String line() {
            return out.strip();
        }
    }

    static final String COMMITTER_NAME = "pushtrain train";
    static final String COMMITTER_EMAIL = "train@pushtrain.invalid";
    static final long COMMITTER_TIME = 1_715_600_000L;

    private final Path git;
    private final Path worktree;
    private final Path home;

    GitProgram(Path worktree, Path home) {
        this.git = ExternalPrograms.require("git", "git");
        this.worktree = worktree;
        this.home = home;
    }

    Run run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(git.toString());
        command.add("-c");
        command.add("gc.auto=0");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(worktree.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("GIT_"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_COMMITTER_NAME", COMMITTER_NAME);
        env.put("GIT_COMMITTER_EMAIL", COMMITTER_EMAIL);
        env.put("GIT_COMMITTER_DATE", "@" + COMMITTER_TIME + " +0000");
        env.put("GIT_AUTHOR_NAME", "unused");
        env.put("GIT_AUTHOR_EMAIL", "unused@example.com");
        env.put("LC_ALL", "C");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Outputs are small here; reading stderr after stdout cannot deadlock for them.
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(process.waitFor(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Run ok(String... args) {
        Run run = run(args);
        if (run.exit() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + run.err());
        }
        return run;
    }
}
