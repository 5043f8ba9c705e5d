package io.pushtrain.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one rule for tests that need a program from the operating system: skip with a
 * message that says what to install, except in CI ({@code PUSHTRAIN_CI=true}), where a
 * missing program fails the test.
 */
public final class ExternalPrograms {

    private ExternalPrograms() {
    }

    /**
     * The program's path, or the test is skipped (failed in CI).
     * @param program the command name, looked up on PATH
     * @param debianPackage the package that provides it
     */
    public static Path require(String program, String debianPackage) {
        Optional<Path> found = find(program);
        if (found.isEmpty()) {
            String message = program + " is not installed: apt-get install " + debianPackage;
            if (inCi()) {
                fail(message + " (PUSHTRAIN_CI=true turns this skip into a failure)");
            }
            Assumptions.abort(message);
        }
        return found.get();
    }

    public static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (String dir : new String[] { "/usr/sbin", "/sbin", "/usr/local/sbin" }) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("PUSHTRAIN_CI"));
    }
}
