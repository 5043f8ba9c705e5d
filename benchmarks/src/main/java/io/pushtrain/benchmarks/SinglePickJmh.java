package io.pushtrain.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.pushtrain.train.trunk.BatchResult;
import io.pushtrain.train.trunk.CherryPicker;
import io.pushtrain.train.trunk.DemoTrunk;
import io.pushtrain.train.trunk.Pick;

/**
 * JMH micro-benchmark of one in-memory pick on the demo trunk, for watching CherryPicker's own
 * cost; run with {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main SinglePickJmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SinglePickJmh {

    private Repository repository;
    private CherryPicker picker;
    private ObjectId cut;
    private Pick pick;

    @Setup(Level.Trial)
    public void demoTrunk() throws IOException {
        Path dir = Files.createTempDirectory("pushtrain-jmh").resolve("trunk.git");
        DemoTrunk.History history = DemoTrunk.create(dir, 1);
        repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
        picker = CherryPicker.forTrain(repository);
        cut = history.commits().get(history.commits().size() - 2);
        pick = Pick.of(history.main());
    }

    @Benchmark
    public BatchResult pickTheLastTrunkCommitOntoItsParent() {
        return picker.compute(cut, List.of(pick));
    }

    @TearDown(Level.Trial)
    public void close() {
        repository.close();
    }
}
