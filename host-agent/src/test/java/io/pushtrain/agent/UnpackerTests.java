package io.pushtrain.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tar} program is the oracle: what it packs, the agent must unpack the same. */
class UnpackerTests {

    @TempDir
    Path temp;

    private Path buildTree() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("build"));
        Files.createDirectories(tree.resolve("bin"));
        Files.writeString(tree.resolve("bin/app"), "#!/bin/sh\necho hello\n");
        Files.setPosixFilePermissions(tree.resolve("bin/app"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path deep = Files.createDirectories(tree.resolve("lib/" + "very-long-directory-name/".repeat(5)));
        Files.writeString(deep.resolve("a-file-whose-path-is-longer-than-one-hundred-characters.jar"), "jar");
        Files.createSymbolicLink(tree.resolve("run"), Path.of("bin/app"));
        return tree;
    }

    private void tar(String flags, Path archive, Path tree) throws Exception {
        Process tar = new ProcessBuilder("tar", flags, archive.toString(), "-C", tree.toString(), ".")
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor()).as(new String(tar.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void aTarGzUnpacksWithLongNamesSymlinksAndExecutableBits() throws Exception {
        Path tree = buildTree();
        Path archive = temp.resolve("app.tar.gz");
        tar("-czf", archive, tree);

        Path release = temp.resolve("release");
        Unpacker.unpack(archive, "app.tar.gz", release);

        assertThat(release.resolve("bin/app")).hasContent("#!/bin/sh\necho hello\n").isExecutable();
        assertThat(release.resolve("lib/" + "very-long-directory-name/".repeat(5)
                + "a-file-whose-path-is-longer-than-one-hundred-characters.jar")).hasContent("jar");
        assertThat(Files.readSymbolicLink(release.resolve("run"))).isEqualTo(Path.of("bin/app"));
    }

    @Test
    void aTgzInPaxFormatUnpacksToo() throws Exception {
        Path tree = buildTree();
        Path archive = temp.resolve("app.tgz");
        Process tar = new ProcessBuilder("tar", "--format=pax", "-czf", archive.toString(), "-C", tree.toString(), ".")
                .start();
        assertThat(tar.waitFor()).isZero();

        Unpacker.unpack(archive, "app.tgz", temp.resolve("release"));

        assertThat(temp.resolve("release/lib/" + "very-long-directory-name/".repeat(5)
                + "a-file-whose-path-is-longer-than-one-hundred-characters.jar")).hasContent("jar");
    }

    @Test
    void aZipUnpacks() throws Exception {
        Path archive = temp.resolve("app.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new ZipEntry("conf/"));
            zip.putNextEntry(new ZipEntry("conf/app.properties"));
            zip.write("port=8080\n".getBytes(StandardCharsets.UTF_8));
        }

        Unpacker.unpack(archive, "app.zip", temp.resolve("release"));

        assertThat(temp.resolve("release/conf/app.properties")).hasContent("port=8080\n");
    }

    @Test
    void anArchiveEntryThatClimbsOutOfTheReleaseIsRefused() throws Exception {
        Path archive = temp.resolve("evil.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new ZipEntry("../../etc/cron.d/evil"));
            zip.write("* * * * * root rm -rf /\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> Unpacker.unpack(archive, "evil.zip", temp.resolve("release")))
                .isInstanceOf(AgentException.class).hasMessageContaining("outside the release directory");
        assertThat(temp.resolve("etc")).doesNotExist();
    }

    @Test
    void anythingElseIsCopiedAsIs() throws Exception {
        Path binary = Files.write(temp.resolve("app.bin"), new byte[] {1, 2, 3});

        Unpacker.unpack(binary, "app.bin", temp.resolve("release"));

        assertThat(temp.resolve("release/app.bin")).hasBinaryContent(new byte[] {1, 2, 3});
    }

    @Test
    void aTruncatedTarGzIsAnError() throws Exception {
        Path tree = buildTree();
        Path archive = temp.resolve("app.tar.gz");
        tar("-czf", archive, tree);
        byte[] whole = Files.readAllBytes(archive);
        try (OutputStream out = Files.newOutputStream(archive)) {
            out.write(whole, 0, whole.length / 2);
        }

        assertThatThrownBy(() -> Unpacker.unpack(archive, "app.tar.gz", temp.resolve("release")))
                .isInstanceOfAny(java.io.IOException.class, AgentException.class);
    }
}
