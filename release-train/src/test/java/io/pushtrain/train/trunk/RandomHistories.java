package io.pushtrain.train.trunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.eclipse.jgit.lib.FileMode;

import io.pushtrain.train.trunk.CommitWriter.FileSpec;

/**
 * Small random trees and random changes to them, from one seed: edits of a tiny vocabulary
 * (so both sides often touch the same lines), new files in new folders, deletions, renames,
 * executable bits and binary files.
 */
final class RandomHistories {

    private static final String[] PATHS = { "a.txt", "b.txt", "src/c.txt", "src/main/d.txt", "docs/e.md" };
    private static final String[] WORDS = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta" };
    static final String[] MESSAGES = {
            "Fix the ranking tie-break",
            "Fix the ranking tie-break\n\nTies were broken by insertion order, which is not stable.\n",
            "Guard the cache lease\n\nSummary: leases leaked.\n\nSigned-off-by: Alice Author <alice@example.com>\n",
            "Tune the rollout\n\nChange-Id: I0123456789abcdef\nReviewed-by: Bob <bob@example.com>\n",
            "Trim   \n\n\n\nBody with trailing spaces   \n\n\n",
            "Café: naïve résumé fix\n\nÜnïcödé body.\n",
            "Backport the fix\n\nBody\n(cherry picked from commit 1234567890123456789012345678901234567890)\n",
            "Mixed tail\n\nBody\nSigned-off-by: X <x@example.com>\nnot a trailer\nmore text\n",
            "Comment tail\n\nFoo: bar\n  continued\n# a comment line\n",
            "No newline at the end" };

    private final Random random;
    private int fresh;
    /** Whether the last history had a rename anywhere: git follows renames, JGit's merger does not. */
    boolean renamed;

    /** Whether changes are mostly renames of files and folders, as when trunk reorganises after a cut. */
    private final boolean moves;

    RandomHistories(long seed) {
        this(seed, false);
    }

    RandomHistories(long seed, boolean moves) {
        this.random = new Random(seed);
        this.moves = moves;
    }

    Map<String, FileSpec> base() {
        renamed = false;
        Map<String, FileSpec> tree = new TreeMap<>();
        for (String path : PATHS) {
            if (random.nextInt(4) > 0) {
                tree.put(path, FileSpec.text(lines(6)));
            }
        }
        if (moves) {
            for (String path : new String[] { "src/f.txt", "src/main/g.txt", "docs/h.md" }) {
                tree.put(path, FileSpec.text(lines(8)));
            }
        }
        tree.put("run.sh", FileSpec.text("#!/bin/sh\necho one\necho two\n"));
        if (random.nextBoolean()) {
            tree.put("logo.bin", new FileSpec(binary(), FileMode.REGULAR_FILE));
        }
        return tree;
    }

    Map<String, FileSpec> change(Map<String, FileSpec> before) {
        Map<String, FileSpec> after = new TreeMap<>(before);
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            changeOnce(after);
        }
        return after;
    }

    String message() {
        return MESSAGES[random.nextInt(MESSAGES.length)];
    }

    private void changeOnce(Map<String, FileSpec> tree) {
        if (moves) {
            moveOnce(tree);
            return;
        }
        List<String> texts = tree.keySet().stream().filter(p -> !p.endsWith(".bin")).toList();
        String path = texts.isEmpty() ? "a.txt" : texts.get(random.nextInt(texts.size()));
        int kind = random.nextInt(20);
        if (kind < 10 || !tree.containsKey(path)) {
            tree.put(path, editText(tree.getOrDefault(path, FileSpec.text(lines(3)))));
        } else if (kind < 12) {
            tree.put(random.nextBoolean() ? "new" + fresh + "/deep/f.txt" : "src/added" + fresh + ".txt",
                    FileSpec.text(lines(4)));
            fresh++;
        } else if (kind < 14) {
            tree.remove(path);
        } else if (kind < 16) {
            renamed = true;
            FileSpec moved = tree.remove(path);
            tree.put("moved/" + fresh++ + "-" + path.replace('/', '-'),
                    random.nextBoolean() ? moved : editText(moved));
        } else if (kind < 18) {
            FileSpec spec = tree.get(path);
            tree.put(path, spec.withMode(spec.mode() == FileMode.EXECUTABLE_FILE
                    ? FileMode.REGULAR_FILE : FileMode.EXECUTABLE_FILE));
        } else {
            tree.put("logo.bin", new FileSpec(binary(), FileMode.REGULAR_FILE));
        }
    }

    /** Edits, new files next to old ones, and renames of files and whole folders. */
    private void moveOnce(Map<String, FileSpec> tree) {
        List<String> texts = tree.keySet().stream().filter(p -> !p.endsWith(".bin")).toList();
        String path = texts.isEmpty() ? "a.txt" : texts.get(random.nextInt(texts.size()));
        String folder = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        int kind = random.nextInt(16);
        if (kind < 5 || !tree.containsKey(path)) {
            tree.put(path, editText(tree.getOrDefault(path, FileSpec.text(lines(6)))));
        } else if (kind < 7) {
            tree.put((folder.isEmpty() ? "" : folder + "/") + "added" + fresh++ + ".txt", FileSpec.text(lines(5)));
        } else if (kind < 8) {
            tree.remove(path);
        } else if (kind < 11) {
            renamed = true;
            FileSpec moved = tree.remove(path);
            String name = path.substring(path.lastIndexOf('/') + 1);
            String to = random.nextBoolean() ? "lib/" + name : (folder.isEmpty() ? "" : folder + "/") + "r" + fresh++ + name;
            tree.put(to, random.nextBoolean() ? moved : editText(moved));
        } else if (kind < 14 && !folder.isEmpty()) {
            renamed = true;
            String to = random.nextBoolean() ? "core/" + folder : folder + fresh++;
            for (String file : List.copyOf(tree.keySet())) {
                if (file.startsWith(folder + "/")) {
                    tree.put(to + file.substring(folder.length()), tree.remove(file));
                }
            }
        } else {
            FileSpec spec = tree.get(path);
            tree.put(path, spec.withMode(spec.mode() == FileMode.EXECUTABLE_FILE
                    ? FileMode.REGULAR_FILE : FileMode.EXECUTABLE_FILE));
        }
    }

    private FileSpec editText(FileSpec spec) {
        List<String> lines = new ArrayList<>(List.of(spec.text().split("\n", -1)));
        lines.remove(lines.size() - 1);
        int at = lines.isEmpty() ? 0 : random.nextInt(lines.size());
        switch (random.nextInt(3)) {
            case 0 -> lines.add(at, word());
            case 1 -> {
                if (!lines.isEmpty()) {
                    lines.remove(at);
                }
            }
            default -> {
                if (lines.isEmpty()) {
                    lines.add(word());
                } else {
                    lines.set(at, word());
                }
            }
        }
        String text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        return new FileSpec(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), spec.mode());
    }

    private String lines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(word()).append(' ').append(i).append('\n');
        }
        return text.toString();
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private byte[] binary() {
        byte[] bytes = new byte[64];
        random.nextBytes(bytes);
        bytes[0] = 0;
        return bytes;
    }
}
