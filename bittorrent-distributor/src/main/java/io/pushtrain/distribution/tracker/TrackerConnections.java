package io.pushtrain.distribution.tracker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's connections. One selector thread accepts and reads every request without
 * blocking, each within a whole-request deadline counted from the accept (not per read), and
 * hands only complete requests to the workers. A client that trickles its request costs a buffer
 * until its deadline, never a worker, so everyone else is answered at once.
 */
final class TrackerConnections implements Runnable {

    /** A request head (request line and headers) as it came, and where it came from. */
    record Request(SocketChannel channel, InetAddress remote, byte[] head, long deadlineNanos) {
    }

    private static final Logger log = LoggerFactory.getLogger(TrackerConnections.class);
    private static final int MAX_HEAD = 8 * 1024;
    private static final int MAX_OPEN = 2048;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final long deadlineNanos;
    private final Executor workers;
    private final Consumer<Request> answer;
    private volatile boolean running = true;

    TrackerConnections(ServerSocketChannel server, Duration deadline, Executor workers, Consumer<Request> answer)
            throws IOException {
        this.server = server;
        this.selector = Selector.open();
        this.deadlineNanos = deadline.toNanos();
        this.workers = workers;
        this.answer = answer;
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(100);
                Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
                while (selected.hasNext()) {
                    SelectionKey key = selected.next();
                    selected.remove();
                    try {
                        if (key.isValid() && key.isAcceptable()) {
                            acceptAll();
                        }
                        else if (key.isValid() && key.isReadable()) {
                            read(key);
                        }
                    }
                    catch (IOException | CancelledKeyException ex) {
                        close(key);
                    }
                }
                expire();
            }
        }
        catch (IOException | RuntimeException ex) {
            if (running) {
                log.warn("Tracker stops reading requests: {}", ex.toString());
            }
        }
        finally {
            // The connections end with the reader; the listening socket stays for a restart.
            for (SelectionKey key : List.copyOf(selector.keys())) {
                if (key.channel() instanceof SocketChannel) {
                    close(key);
                }
                else {
                    key.cancel();
                }
            }
            try {
                selector.close();
            }
            catch (IOException ex) {
                log.debug("Closing the tracker selector: {}", ex.toString());
            }
        }
    }

    private void acceptAll() throws IOException {
        for (SocketChannel channel; (channel = server.accept()) != null;) {
            if (selector.keys().size() > MAX_OPEN) {
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            channel.register(selector, SelectionKey.OP_READ, new Pending(System.nanoTime() + deadlineNanos));
        }
    }

    private void read(SelectionKey key) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        Pending pending = (Pending) key.attachment();
        int before = pending.buffer.position();
        if (channel.read(pending.buffer) < 0) {
            close(key);
            return;
        }
        if (complete(pending.buffer, before)) {
            key.cancel();
            byte[] head = new byte[pending.buffer.position()];
            pending.buffer.flip().get(head);
            InetAddress remote = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
            try {
                workers.execute(() -> answer.accept(new Request(channel, remote, head, pending.deadline)));
            }
            catch (RejectedExecutionException busy) {
                refuse(channel, 503, "The tracker is busy; announce again in a minute");
            }
        }
        else if (!pending.buffer.hasRemaining()) {
            key.cancel();
            refuse(channel, 400, "The request is longer than " + MAX_HEAD + " bytes");
        }
    }

    /** Closes every connection whose whole request did not arrive within the deadline. */
    private void expire() {
        long now = System.nanoTime();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Pending pending && now - pending.deadline > 0) {
                key.cancel();
                refuse((SocketChannel) key.channel(), 408,
                        "The request did not arrive within " + TimeUnit.NANOSECONDS.toMillis(deadlineNanos) + " ms");
            }
        }
    }

    /** A bencoded failure, written if the socket takes it at once, then the connection closes. */
    private static void refuse(SocketChannel channel, int status, String reason) {
        try (channel) {
            channel.write(ByteBuffer.wrap(EmbeddedTracker.response(status, EmbeddedTracker.failure(reason))));
        }
        catch (IOException ex) {
            log.debug("Refusing a tracker connection: {}", ex.toString());
        }
    }

    /** Writes the answer from a worker; the channel stays non-blocking, so a client that does not read cannot hold it. */
    static void send(Request request, byte[] bytes) {
        try (SocketChannel channel = request.channel()) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long giveUp = Math.max(request.deadlineNanos(), System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
            while (buffer.hasRemaining() && System.nanoTime() - giveUp < 0) {
                if (channel.write(buffer) == 0) {
                    Thread.sleep(5);
                }
            }
        }
        catch (IOException ex) {
            log.debug("No answer to {}: {}", request.remote(), ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** The head ends with an empty line (CRLF CRLF, or LF LF from lax clients). */
    private static boolean complete(ByteBuffer buffer, int before) {
        int end = buffer.position();
        for (int i = Math.max(1, before - 3); i < end; i++) {
            if (buffer.get(i) == '\n' && (buffer.get(i - 1) == '\n'
                    || (i >= 3 && buffer.get(i - 1) == '\r' && buffer.get(i - 2) == '\n' && buffer.get(i - 3) == '\r'))) {
                return true;
            }
        }
        return false;
    }

    private static void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        }
        catch (IOException ex) {
            log.debug("Closing a tracker connection: {}", ex.toString());
        }
    }

    private static final class Pending {

        final ByteBuffer buffer = ByteBuffer.allocate(MAX_HEAD);
        final long deadline;

        Pending(long deadline) {
            this.deadline = deadline;
        }
    }
}
