package io.pushtrain.train.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Builds the binary: runs {@code pushtrain.build.command} in a checkout of the candidate (the
 * branch as cut, for the weekly release) and stores the artifact it names, with its SHA-256,
 * hashed here once. It runs before the land step: a candidate that does not build never moves
 * the branch. A stored artifact is never built again.
 */
@Component
class BuildStep implements PushStep {

    private static final Logger log = LoggerFactory.getLogger(BuildStep.class);

    private final PushLedger ledger;
    private final TrunkMirror trunk;
    private final TrainProperties properties;
    private final TransactionTemplate tx;
    private final PushProbe probe;

    BuildStep(PushLedger ledger, TrunkMirror trunk, TrainProperties properties, TransactionTemplate tx,
            PushProbe probe) {
        this.ledger = ledger;
        this.trunk = trunk;
        this.properties = properties;
        this.tx = tx;
        this.probe = probe;
    }

    @Override
    public String name() {
        return "build";
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public StepResult run(PushRun run) {
        Optional<String> command = command();
        if (command.isEmpty()) {
            return StepResult.skipped("no pushtrain.build.command configured");
        }
        PushEntity push = ledger.push(run.id());
        if (push.artifactSha256() != null && Files.isRegularFile(Path.of(push.artifactPath()))) {
            return StepResult.done("already built: " + push.artifactPath());
        }
        ObjectId commit = push.headCommit() != null ? ObjectId.fromString(push.headCommit())
                : trunk.head(run.branch()).orElseThrow();
        try {
            return build(run, commit, command.get());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return StepResult.failed("the build was interrupted");
        }
    }

    private StepResult build(PushRun run, ObjectId commit, String command) throws IOException, InterruptedException {
        Path dir = dataDir().resolve("builds").resolve("push-" + run.id());
        FileSystemUtils.deleteRecursively(dir);
        Path source = Files.createDirectories(dir.resolve("src"));
        int files = TreeExport.export(trunk.repository(), commit, source);
        Path log = dir.resolve("build.log");
        Path artifactFile = dir.resolve("artifact-path");
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(source.toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PUSHTRAIN_ARTIFACT_FILE", artifactFile.toString());
        builder.environment().put("PUSHTRAIN_PUSH", Long.toString(run.id()));
        builder.environment().put("PUSHTRAIN_COMMIT", commit.name());
        BuildStep.log.info("Push {}: building {} ({} files) with: {}", run.id(), commit.abbreviate(10).name(), files,
                command);
        Process process = builder.start();
        if (!process.waitFor(properties.build().timeout().toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return StepResult.failed("the build took longer than " + properties.build().timeout() + "; see " + log);
        }
        List<String> output = Files.readAllLines(log);
        if (process.exitValue() != 0) {
            return StepResult.failed("the build exited with " + process.exitValue() + ": " + lastLine(output)
                    + " (see " + log + ")");
        }
        Optional<Path> built = artifactPath(artifactFile, output).map(source::resolve).map(Path::normalize)
            .filter(Files::isRegularFile);
        if (built.isEmpty()) {
            return StepResult.failed("the build printed no artifact path that exists (last line: " + lastLine(output)
                    + "); print it last or write it to $PUSHTRAIN_ARTIFACT_FILE");
        }
        probe.reached("build:built");
        return store(run.id(), built.get());
    }

    private StepResult store(long pushId, Path built) throws IOException {
        Path target = dataDir().resolve("artifacts").resolve("push-" + pushId).resolve(built.getFileName());
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        String sha256 = copyHashing(built, partial);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long size = Files.size(target);
        tx.executeWithoutResult(status -> ledger.push(pushId).artifact(target.toString(), sha256, size));
        return StepResult.done("built " + target.getFileName() + " (" + size + " bytes, sha256 "
                + sha256.substring(0, 12) + ")");
    }

    private Optional<String> command() {
        return Optional.ofNullable(properties.build().command()).filter(c -> !c.isBlank());
    }

    private static Optional<String> artifactPath(Path artifactFile, List<String> output) throws IOException {
        if (Files.isRegularFile(artifactFile)) {
            String written = Files.readString(artifactFile).strip();
            if (!written.isEmpty()) {
                return Optional.of(written);
            }
        }
        String last = lastLine(output);
        return last.isEmpty() ? Optional.empty() : Optional.of(last);
    }

    private static String lastLine(List<String> output) {
        for (int i = output.size() - 1; i >= 0; i--) {
            if (!output.get(i).isBlank()) {
                return output.get(i).strip();
            }
        }
        return "";
    }

    private Path dataDir() {
        return properties.dataDir().toAbsolutePath().normalize();
    }

    /** Copies the build to its place and hashes it on the way: the one read of a 1–2 GB binary. */
    private static String copyHashing(Path from, Path to) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(from), MessageDigest.getInstance("SHA-256"));
                OutputStream out = Files.newOutputStream(to)) {
            in.transferTo(out);
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    }
}
