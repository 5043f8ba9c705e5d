package io.pushtrain.agent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Turns a verified artifact into a release directory: .tar.gz/.tgz and .zip unpacked, anything else copied. */
final class Unpacker {

    private Unpacker() {
    }

    static void unpack(Path artifact, String fileName, Path into) throws IOException {
        Files.createDirectories(into);
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(artifact)), 65536)) {
                TarReader.extract(in, into);
            }
        } else if (lower.endsWith(".tar")) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(artifact))) {
                TarReader.extract(in, into);
            }
        } else if (lower.endsWith(".zip")) {
            unzip(artifact, into);
        } else {
            Files.copy(artifact, into.resolve(fileName), StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void unzip(Path artifact, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(artifact)))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new AgentException("the archive entry " + entry.getName()
                            + " would land outside the release directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    zip.transferTo(out);
                }
            }
        }
    }
}
