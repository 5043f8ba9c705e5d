package io.pushtrain.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import io.pushtrain.train.trunk.CherryPicker;
import io.pushtrain.train.trunk.Pick;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Bytes the JVM allocates for one pick (a batch of one, as {@code CherryPickBenchmark} times it),
 * on the benchmark's repository at several sizes: a merge that takes unchanged subtrees by id
 * allocates for the change, not for the tree. Run it:
 * {@code java -cp benchmarks.jar io.pushtrain.benchmarks.PickMemory --files 5000,50000 --picks 100}
 */
public final class PickMemory {

    private PickMemory() {
    }

    public static void main(String[] args) throws IOException {
        String files = "5000,50000";
        int picks = 100;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--files" -> files = args[i + 1];
                case "--picks" -> picks = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (String size : files.split(",")) {
            measure(Integer.parseInt(size.strip()), picks);
        }
    }

    private static void measure(int files, int picks) throws IOException {
        Path gitDir = Files.createTempDirectory("pushtrain-pick-memory").resolve("repo.git");
        try (Repository created = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build()) {
            created.create(true);
        }
        BenchRepository.Layout layout = new BenchRepository(2024).write(gitDir, files, picks);
        List<Pick> batch = layout.trunk().stream().map(Pick::of).toList();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build()) {
            CherryPicker picker = new CherryPicker(repository, () -> new PersonIdent("pushtrain train",
                    "train@pushtrain.invalid", Instant.ofEpochSecond(1_715_600_000L), ZoneOffset.UTC));
            pickAll(picker, layout.base(), batch, null, threads, thread);
            long[] bytes = new long[batch.size()];
            pickAll(picker, layout.base(), batch, bytes, threads, thread);
            Arrays.sort(bytes);
            System.out.printf("files=%d picks=%d allocated_per_pick_median_kib=%.1f p90_kib=%.1f max_kib=%.1f%n", files,
                    picks, bytes[bytes.length / 2] / 1024.0, bytes[bytes.length * 9 / 10] / 1024.0,
                    bytes[bytes.length - 1] / 1024.0);
        }
    }

    /** Picks one by one, each a batch of one; the first pass warms the JIT and the caches, the second is counted. */
    private static void pickAll(CherryPicker picker, ObjectId base, List<Pick> batch, long[] bytes,
            com.sun.management.ThreadMXBean threads, long thread) {
        ObjectId head = base;
        for (int i = 0; i < batch.size(); i++) {
            long before = threads.getThreadAllocatedBytes(thread);
            head = picker.compute(head, List.of(batch.get(i))).newHead();
            if (bytes != null) {
                bytes[i] = threads.getThreadAllocatedBytes(thread) - before;
            }
        }
    }
}
