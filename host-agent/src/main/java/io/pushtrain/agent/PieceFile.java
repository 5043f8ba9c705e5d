package io.pushtrain.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The artifact on disk while it is shared: {@code <name>.part} until every piece has been checked
 * against the torrent's SHA-1, then renamed to {@code <name>}. On open it checks what is already
 * there, which is what makes a download resume after a restart and lets a finished file be seeded
 * without trusting it blindly.
 */
final class PieceFile implements AutoCloseable {

    private final Metainfo meta;
    private final Path complete;
    private final Path partial;
    private final BitSet have = new BitSet();
    private FileChannel channel;
    private long bytesPresent;

    private PieceFile(Metainfo meta, Path dir) {
        this.meta = meta;
        this.complete = dir.resolve(meta.name());
        this.partial = dir.resolve(meta.name() + ".part");
    }

    static PieceFile open(Metainfo meta, Path dir) throws IOException {
        Files.createDirectories(dir);
        PieceFile file = new PieceFile(meta, dir);
        file.openAndCheck();
        return file;
    }

    private void openAndCheck() throws IOException {
        Path path = Files.isRegularFile(complete) ? complete : partial;
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (channel.size() > meta.length()) {
            channel.truncate(meta.length());
        }
        long onDisk = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate(meta.pieceLength());
        for (int piece = 0; piece < meta.pieces(); piece++) {
            if ((long) piece * meta.pieceLength() + meta.pieceSize(piece) > onDisk) {
                break;
            }
            if (matches(piece, read(piece, buffer))) {
                have.set(piece);
                bytesPresent += meta.pieceSize(piece);
            }
        }
        if (path.equals(complete) && !isComplete()) {
            // A "finished" file that fails its hashes is shared as what it is: a partial download.
            channel.close();
            Files.move(complete, partial, StandardCopyOption.REPLACE_EXISTING);
            channel = FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        if (path.equals(partial) && isComplete()) {
            finish();
        }
    }

    /** Bytes of checked pieces found on disk when it was opened. */
    long bytesPresentAtOpen() {
        return bytesPresent;
    }

    Path completePath() {
        return complete;
    }

    synchronized boolean has(int piece) {
        return have.get(piece);
    }

    synchronized BitSet pieces() {
        return (BitSet) have.clone();
    }

    synchronized int count() {
        return have.cardinality();
    }

    synchronized boolean isComplete() {
        return have.cardinality() == meta.pieces();
    }

    /** Reads a block of a piece this file has, for a peer that asked for it. */
    synchronized ByteBuffer readBlock(int piece, int offset, int length) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(length);
        long position = (long) piece * meta.pieceLength() + offset;
        while (block.hasRemaining()) {
            if (channel.read(block, position + block.position()) < 0) {
                throw new IOException("the file ends before piece " + piece + " does");
            }
        }
        return block.flip();
    }

    /**
     * Writes a whole piece received from peers if it matches its hash; false (nothing written) when
     * it does not, so a peer sending bad data cannot corrupt the download.
     */
    synchronized boolean writePiece(int piece, byte[] data) throws IOException {
        if (have.get(piece)) {
            return true;
        }
        if (!matches(piece, ByteBuffer.wrap(data))) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long position = (long) piece * meta.pieceLength();
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
        have.set(piece);
        if (isComplete()) {
            finish();
        }
        return true;
    }

    private void finish() throws IOException {
        channel.force(false);
        channel.close();
        Files.move(partial, complete, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(complete, StandardOpenOption.READ);
    }

    private ByteBuffer read(int piece, ByteBuffer buffer) throws IOException {
        buffer.clear().limit(meta.pieceSize(piece));
        long position = (long) piece * meta.pieceLength();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }

    private boolean matches(int piece, ByteBuffer data) {
        if (data.remaining() != meta.pieceSize(piece)) {
            return false;
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(data.duplicate());
            return Arrays.equals(sha1.digest(), 0, 20, meta.pieceHashes(), piece * 20, piece * 20 + 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
