package io.pushtrain.distribution.tracker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread's share of the tracker's connections, with plain java.nio (a tracker answers a few
 * hundred bytes per request; a network framework would be a large dependency for this one loop).
 *
 * <p>The selector accepts, reads every request without blocking, each within a whole-request
 * deadline (counted from the accept, and on a kept-alive connection from the previous answer: an
 * idle connection is closed at the same deadline). A complete request head is answered on the
 * selector thread when nothing in it can wait, else by a worker (a host key not yet looked up).
 * The answer is written if the socket takes it at once; what the socket does not take the
 * selector writes when the client reads, within the same deadline. So a client that
 * trickles its request, or does not read its answer, costs a buffer until its deadline, never a
 * thread, and everyone else is answered at once. HTTP/1.1 connections are kept alive (several
 * announces on one connection) unless the client asks {@code Connection: close}.
 */
final class TrackerConnections implements Runnable {

    /**
     * A request head (request line and headers) as it came, where it came from, its connection, and
     * whether the connection may stay open after the answer (not while the selector holds half its
     * limit of connections: idle kept-alive connections must not crowd out new ones).
     */
    record Request(Connection connection, InetAddress remote, byte[] head, boolean mayKeepAlive) {
    }

    /** An answer: the whole HTTP response, and whether the connection takes another request after it. */
    record Answer(byte[] bytes, boolean keepAlive) {
    }

    private static final Logger log = LoggerFactory.getLogger(TrackerConnections.class);
    private static final int MAX_HEAD = 8 * 1024;
    private static final int MAX_OPEN = 2048;
    private static final long EXPIRE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final long deadlineNanos;
    private final Executor workers;
    private final Function<Request, Answer> answer;
    private final Predicate<byte[]> answersAtOnce;
    /** Connections a worker has answered, back to the selector: to read the next request, or to write the rest. */
    private final Queue<Connection> answered = new ConcurrentLinkedQueue<>();
    private long lastExpiry = System.nanoTime();
    private volatile boolean running = true;

    /**
     * {@code answersAtOnce} says of a request head whether its answer needs nothing that could wait
     * (a host key already looked up): those are answered on the selector thread itself, as
     * opentracker does, and only the others go to the workers.
     */
    TrackerConnections(ServerSocketChannel server, Duration deadline, Executor workers, Function<Request, Answer> answer,
            Predicate<byte[]> answersAtOnce) throws IOException {
        this.server = server;
        this.selector = Selector.open();
        this.deadlineNanos = deadline.toNanos();
        this.workers = workers;
        this.answer = answer;
        this.answersAtOnce = answersAtOnce;
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
                selector.select(50);
                Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
                while (selected.hasNext()) {
                    SelectionKey key = selected.next();
                    selected.remove();
                    try {
                        if (key.isValid() && key.isAcceptable()) {
                            acceptAll();
                        }
                        else if (key.isValid() && key.isWritable()) {
                            ((Connection) key.attachment()).writeRest();
                        }
                        else if (key.isValid() && key.isReadable()) {
                            ((Connection) key.attachment()).read();
                        }
                    }
                    catch (IOException | CancelledKeyException ex) {
                        close(key);
                    }
                }
                for (Connection connection; (connection = answered.poll()) != null;) {
                    connection.resume();
                }
                long now = System.nanoTime();
                if (now - lastExpiry > EXPIRE_EVERY_NANOS) {
                    lastExpiry = now;
                    expire(now);
                }
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
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Connection connection = new Connection(channel, System.nanoTime() + deadlineNanos);
            try {
                // The request is often there already: answered without ever registering with the selector.
                connection.read();
                if (!connection.closed && !connection.answering && connection.key == null) {
                    connection.interest(SelectionKey.OP_READ);
                }
            }
            catch (IOException ex) {
                connection.close();
            }
        }
    }

    /**
     * Closes every connection whose whole request (or the rest of its answer) did not get through
     * within the deadline; one waiting on a worker is the worker's.
     */
    private void expire(long now) {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection connection && !connection.answering && now - connection.deadline > 0) {
                if (connection.output == null && connection.input.position() > 0) {
                    connection.refuse(408, "The request did not arrive within " + TimeUnit.NANOSECONDS.toMillis(deadlineNanos) + " ms");
                }
                else {
                    connection.close(); // idle between requests, or not reading its answer
                }
            }
        }
    }

    /** The head ends with an empty line (CRLF CRLF, or LF LF from lax clients): its length, or -1. */
    private static int headEnd(ByteBuffer buffer, int from) {
        int end = buffer.position();
        for (int i = Math.max(1, from - 3); i < end; i++) {
            if (buffer.get(i) == '\n' && (buffer.get(i - 1) == '\n'
                    || (i >= 3 && buffer.get(i - 1) == '\r' && buffer.get(i - 2) == '\n' && buffer.get(i - 3) == '\r'))) {
                return i + 1;
            }
        }
        return -1;
    }

    private static void close(SelectionKey key) {
        if (key.attachment() instanceof Connection connection) {
            connection.close();
            return;
        }
        key.cancel();
        try {
            key.channel().close();
        }
        catch (IOException ex) {
            log.debug("Closing a tracker connection: {}", ex.toString());
        }
    }

    /** One client connection: what it has sent of its next request, and what it has not yet taken of its answer. */
    final class Connection {

        private final SocketChannel channel;
        private final ByteBuffer input = ByteBuffer.allocate(MAX_HEAD);
        private SelectionKey key;
        /** Until then the whole request (or the rest of the answer) must have got through. */
        private volatile long deadline;
        /** A worker has the request; the selector leaves the connection alone. */
        private volatile boolean answering;
        private ByteBuffer output;
        private boolean closeAfter;
        private volatile boolean closed;

        private Connection(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }

        /** On the selector: reads what came; a complete head is answered. */
        private void read() throws IOException {
            int before = input.position();
            if (channel.read(input) < 0) {
                close();
                return;
            }
            dispatchIfComplete(before);
        }

        private void dispatchIfComplete(int from) throws IOException {
            int end = headEnd(input, from);
            if (end > 0) {
                byte[] head = new byte[end];
                input.flip();
                input.get(head);
                input.compact(); // a pipelined next request stays for later
                answering = true;
                if (key != null) {
                    key.interestOps(0);
                }
                InetAddress remote = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
                Request request = new Request(this, remote, head, selector.keys().size() < MAX_OPEN / 2);
                if (answersAtOnce.test(head)) {
                    if (answer(request)) {
                        resume();
                    }
                    return;
                }
                try {
                    workers.execute(() -> {
                        if (answer(request)) {
                            TrackerConnections.this.answered.add(this);
                            selector.wakeup();
                        }
                    });
                }
                catch (RejectedExecutionException busy) {
                    refuse(503, "The tracker is busy; announce again in a minute");
                }
            }
            else if (!input.hasRemaining()) {
                refuse(400, "The request is longer than " + MAX_HEAD + " bytes");
            }
        }

        /**
         * Answers and writes what the socket takes at once; true when the connection goes on (to
         * read the next request, or to write the rest on the selector), false when it is closed.
         */
        private boolean answer(Request request) {
            Answer answered;
            try {
                answered = answer.apply(request);
            }
            catch (RuntimeException ex) {
                log.warn("Tracker connection from {} failed: {}", request.remote(), ex.toString());
                close();
                return false;
            }
            ByteBuffer bytes = ByteBuffer.wrap(answered.bytes());
            try {
                channel.write(bytes);
            }
            catch (IOException ex) {
                log.debug("No answer to {}: {}", request.remote(), ex.toString());
                close();
                return false;
            }
            if (!bytes.hasRemaining() && !answered.keepAlive()) {
                close();
                return false;
            }
            output = bytes.hasRemaining() ? bytes : null;
            closeAfter = !answered.keepAlive();
            deadline = System.nanoTime() + deadlineNanos;
            return true;
        }

        /** On the selector, after a worker answered: write the rest, or read the next request. */
        private void resume() {
            answering = false;
            if (closed) {
                return;
            }
            try {
                if (output != null) {
                    interest(SelectionKey.OP_WRITE);
                }
                else if (input.position() > 0) {
                    dispatchIfComplete(0);
                    if (!answering && !closed) {
                        interest(SelectionKey.OP_READ);
                    }
                }
                else {
                    interest(SelectionKey.OP_READ);
                }
            }
            catch (IOException | CancelledKeyException ex) {
                close();
            }
        }

        /** On the selector: the client reads again. */
        private void writeRest() throws IOException {
            channel.write(output);
            if (output.hasRemaining()) {
                return;
            }
            output = null;
            if (closeAfter) {
                close();
                return;
            }
            deadline = System.nanoTime() + deadlineNanos;
            resume();
        }

        /** On the selector: what the selector should wait for, registering the connection the first time. */
        private void interest(int ops) throws IOException {
            if (closed) {
                return;
            }
            if (key == null) {
                key = channel.register(selector, ops, this);
            }
            else {
                key.interestOps(ops);
            }
        }

        /** A bencoded failure, written if the socket takes it at once, then the connection closes. */
        private void refuse(int status, String reason) {
            try {
                channel.write(ByteBuffer.wrap(EmbeddedTracker.response(status, EmbeddedTracker.failure(reason), false)));
            }
            catch (IOException ex) {
                log.debug("Refusing a tracker connection: {}", ex.toString());
            }
            close();
        }

        private void close() {
            closed = true;
            if (key != null) {
                key.cancel();
            }
            try {
                channel.close();
            }
            catch (IOException ex) {
                log.debug("Closing a tracker connection: {}", ex.toString());
            }
        }
    }
}
