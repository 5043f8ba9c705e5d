package io.pushtrain.train.trunk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** A commit's patch against its first parent, as {@code git show} prints it, read from the object database. */
public final class TrunkDiff {

    private TrunkDiff() {
    }

    public static String of(Repository repository, RevCommit commit, int maxBytes) {
        CappedOutput out = new CappedOutput(maxBytes);
        try (RevWalk walk = new RevWalk(repository); DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setRepository(repository);
            formatter.setDiffComparator(RawTextComparator.DEFAULT);
            formatter.setDetectRenames(true);
            RevCommit parsed = walk.parseCommit(commit);
            formatter.format(parsed.getParentCount() == 0 ? null : walk.parseCommit(parsed.getParent(0)).getTree(),
                    parsed.getTree());
            formatter.flush();
        }
        catch (CappedOutput.Full full) {
            // A huge patch is cut rather than held in memory whole; the reader is told below.
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        String text = out.text();
        return out.full ? text + "\n... cut at " + maxBytes + " bytes\n" : text;
    }

    /** Keeps the first bytes of the patch and stops the formatter after that. */
    private static final class CappedOutput extends OutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;
        private boolean full;

        CappedOutput(int max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            if (bytes.size() >= max) {
                full = true;
                throw new Full();
            }
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int room = max - bytes.size();
            bytes.write(b, off, Math.min(room, len));
            if (len > room) {
                full = true;
                throw new Full();
            }
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** Thrown to stop the formatter once the cap is reached. */
        static final class Full extends IOException {
            Full() {
                super("patch cut");
            }
        }
    }
}
