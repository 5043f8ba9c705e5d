package io.pushtrain.train.testrun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.pushtrain.perf.PerfException;
import io.pushtrain.perf.TestCaseResult;
import io.pushtrain.perf.TestReports;
import io.pushtrain.perf.TestSuiteResult;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.push.TreeExport;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Runs the project's test commands on a checkout of one commit and reads the JUnit XML they
 * wrote. A failing shard runs once more: a test that passes the second time is flaky, one that
 * fails again is broken.
 */
@Component
class TestRunner {

    private final TrunkMirror trunk;
    private final TrainProperties properties;

    TestRunner(TrunkMirror trunk, TrainProperties properties) {
        this.trunk = trunk;
        this.properties = properties;
    }

    ShardResult run(long pushId, ObjectId commit, int shard, int shards, List<String> suites)
            throws IOException, InterruptedException {
        Path dir = properties.dataDir().toAbsolutePath().normalize().resolve("tests").resolve("push-" + pushId)
            .resolve(commit.abbreviate(12).name() + "-shard-" + shard);
        FileSystemUtils.deleteRecursively(dir);
        Path source = Files.createDirectories(dir.resolve("src"));
        TreeExport.export(trunk.repository(), commit, source);
        Path log = dir.resolve("test.log");
        Attempt first = attempt(source, log, shard, shards, suites, 1);
        if (first.broken().isEmpty()) {
            return result(first, List.of(), List.of(), log);
        }
        Attempt second = attempt(source, log, shard, shards, suites, 2);
        List<String> broken = first.broken().stream().filter(second.broken()::contains).toList();
        List<String> flaky = first.broken().stream().filter(t -> !second.broken().contains(t)).toList();
        return result(second, broken, flaky, log);
    }

    private ShardResult result(Attempt attempt, List<String> broken, List<String> flaky, Path log) {
        String detail = broken.isEmpty()
                ? attempt.tests() + " tests passed" + (flaky.isEmpty() ? "" : ", " + flaky.size() + " flaky")
                : broken.size() + " of " + attempt.tests() + " tests broken: " + String.join(", ", first(broken, 5));
        return new ShardResult(attempt.tests(), broken, flaky, attempt.timings(), detail, log.toString());
    }

    /** Every command once; what failed, by test name ("command ... exited with n" when it wrote no failure). */
    private Attempt attempt(Path source, Path log, int shard, int shards, List<String> suites, int number)
            throws IOException, InterruptedException {
        deleteReports(source);
        Set<String> broken = new LinkedHashSet<>();
        for (String command : properties.test().commands()) {
            Files.writeString(log, "$ " + command + " (attempt " + number + ")\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            int exit = execute(command, source, log, shard, shards, suites);
            if (exit != 0) {
                broken.add("command '" + command + "' " + (exit == TIMED_OUT ? "took longer than "
                        + properties.test().timeout() : "exited with " + exit));
            }
        }
        List<TestSuiteResult> reports = reports(source);
        Set<String> failing = reports.stream().flatMap(s -> s.broken().stream()).map(TestCaseResult::fullName)
            .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!failing.isEmpty()) {
            broken.removeIf(b -> b.startsWith("command '")); // the tests say what broke, better than an exit code
            broken.addAll(failing);
        }
        int tests = reports.stream().mapToInt(s -> s.cases().size()).sum();
        String timings = reports.stream().map(s -> s.name() + "=" + String.format(Locale.ROOT, "%.3f", s.seconds()))
            .collect(Collectors.joining("\n"));
        return new Attempt(tests, new ArrayList<>(broken), timings.isEmpty() ? null : timings);
    }

    private static final int TIMED_OUT = -1;

    private int execute(String command, Path source, Path log, int shard, int shards, List<String> suites)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(source.toFile())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("PUSHTRAIN_SHARD", Integer.toString(shard));
        builder.environment().put("PUSHTRAIN_SHARDS", Integer.toString(shards));
        builder.environment().put("PUSHTRAIN_TEST_SUITES", String.join(",", suites));
        Process process = builder.start();
        if (!process.waitFor(properties.test().timeout().toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return TIMED_OUT;
        }
        return process.exitValue();
    }

    private List<TestSuiteResult> reports(Path source) throws IOException {
        List<TestSuiteResult> suites = new ArrayList<>();
        for (Path report : reportFiles(source)) {
            try {
                suites.addAll(TestReports.parse(Files.readString(report, StandardCharsets.UTF_8)));
            }
            catch (PerfException ex) {
                // A half-written report must not pass for a green one: it counts as a broken test.
                suites.add(new TestSuiteResult(source.relativize(report).toString(), List.of(new TestCaseResult(
                        source.relativize(report).toString(), "report", TestCaseResult.Status.ERROR, 0,
                        ex.getMessage()))));
            }
        }
        return suites;
    }

    private List<Path> reportFiles(Path source) throws IOException {
        String glob = properties.test().reports();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        // "**/x" should also find x at the top of the checkout, as in most build tools
        PathMatcher atTop = FileSystems.getDefault().getPathMatcher("glob:" + (glob.startsWith("**/")
                ? glob.substring(3) : glob));
        try (Stream<Path> files = Files.walk(source)) {
            return files.filter(Files::isRegularFile).map(source::relativize)
                .filter(p -> matcher.matches(p) || atTop.matches(p)).sorted().map(source::resolve).toList();
        }
    }

    private void deleteReports(Path source) throws IOException {
        for (Path report : reportFiles(source)) {
            Files.delete(report);
        }
    }

    private static List<String> first(List<String> names, int count) {
        return names.size() <= count ? names : names.subList(0, count);
    }

    private record Attempt(int tests, List<String> broken, String timings) {
    }
}
