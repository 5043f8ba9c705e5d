package io.pushtrain.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

/** Builds to publish in tests: random bytes with a fixed seed, and names no other test uses. */
public final class TestBuilds {

    private TestBuilds() {
    }

    public static Path randomFile(Path dir, String name, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), bytes);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
