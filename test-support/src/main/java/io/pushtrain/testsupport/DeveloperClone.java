package io.pushtrain.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A developer's clone of a {@link TestTrunk}, worked with the real git program as a person
 * would: check out, cherry-pick, resolve, commit, push. No user or system git config leaks in.
 */
public final class DeveloperClone {

    /** What one git command did. */
    public record Run(int exit, String out, String err) {
    }

    private final Path git;
    private final Path worktree;
    private final Path home;
    private final String name;

    private DeveloperClone(Path git, Path worktree, Path home, String name) {
        this.git = git;
        this.worktree = worktree;
        this.home = home;
        this.name = name;
    }

    /** Clones {@code remote} into a fresh folder as {@code name} ({@code name@example.com}, as TestTrunk's authors). */
    public static DeveloperClone of(TestTrunk remote, String name) {
        Path git = ExternalPrograms.require("git", "git");
        try {
            Path dir = Files.createTempDirectory("clone-" + name);
            Path home = Files.createDirectories(dir.resolve("home"));
            DeveloperClone clone = new DeveloperClone(git, dir, home, name);
            // git reads a path, not the one-slash file: URI that JGit writes.
            clone.ok("clone", "--quiet", Path.of(java.net.URI.create(remote.url())).toString(), "work");
            return new DeveloperClone(git, dir.resolve("work"), home, name);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Runs git in the clone; the exit code is the caller's to judge. */
    public Run run(String... args) {
        List<String> command = new ArrayList<>(List.of(git.toString(), "-c", "gc.auto=0", "-c", "user.name=" + name,
                "-c", "user.email=" + name + "@example.com", "-c", "core.editor=true", "-c", "advice.detachedHead=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(worktree.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("GIT_"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("LC_ALL", "C");
        builder.redirectErrorStream(false);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Outputs are small here; reading stderr after stdout cannot deadlock for them.
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(process.waitFor(), out, err);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Runs git and answers its output, stripped; a failure fails the test with git's own words. */
    public String ok(String... args) {
        Run run = run(args);
        if (run.exit() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed (" + run.exit() + "): "
                    + run.err() + run.out());
        }
        return run.out().strip();
    }

    /** Writes a file of the worktree, as a person resolving a conflict does. */
    public void write(String path, String content) {
        try {
            Files.writeString(worktree.resolve(path), content, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
