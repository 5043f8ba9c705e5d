package io.pushtrain.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One build's benchmark as a command, run once per {@link #get()}: in {@code directory}, reading what it
 * printed, or the file it wrote when {@code resultFile} is set (JMH's {@code -rf json -rff <file>}).
 *
 * @param command the program and its arguments, e.g. {@code java -jar target/benchmarks.jar -rf json -rff perf.json}
 * @param directory the checkout of the build to measure
 * @param resultFile relative to {@code directory}, or null to read standard output
 * @param timeout how long one run may take
 */
public record BenchmarkCommand(List<String> command, Path directory, Path resultFile, Duration timeout)
        implements Supplier<List<Measurement>> {

    private static final int TAIL = 2_000;

    public BenchmarkCommand {
        command = List.copyOf(command);
        if (command.isEmpty() || directory == null || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new PerfException("a benchmark command needs a program, a directory and a positive timeout");
        }
    }

    @Override
    public List<Measurement> get() {
        Path output = null;
        try {
            output = Files.createTempFile("perflab-", ".out");
            Path result = resultFile == null ? null : directory.resolve(resultFile);
            if (result != null) {
                Files.deleteIfExists(result); // never read the previous run's numbers
            }
            int exit = run(output);
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new PerfException.RunFailed(describe() + " exited with " + exit + "; it printed: " + tail(printed));
            }
            return BenchmarkOutput.parse(result == null ? printed : readResult(result));
        } catch (IOException e) {
            throw new PerfException.RunFailed(describe() + " could not run: " + e.getMessage(), e);
        } finally {
            if (output != null) {
                // A leftover temporary file is harmless; failing to delete it must not hide the run's outcome.
                output.toFile().delete();
            }
        }
    }

    private int run(Path output) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new PerfException.RunFailed(describe() + " took longer than " + timeout + " and was stopped");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PerfException.RunFailed(describe() + " was interrupted", e);
        }
    }

    private String readResult(Path result) throws IOException {
        if (!Files.exists(result)) {
            throw new PerfException.RunFailed(describe() + " wrote no " + result + " (for JMH add -rf json -rff " + resultFile + ")");
        }
        return Files.readString(result, StandardCharsets.UTF_8);
    }

    private String describe() {
        return "'" + String.join(" ", command) + "' in " + directory;
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() <= TAIL ? t : "..." + t.substring(t.length() - TAIL);
    }
}
