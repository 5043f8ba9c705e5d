package io.pushtrain.distribution.artifact;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * A ttorrent client's listening channel that remembers the connection it accepted last, so that
 * when a handshake kills the accept thread (see {@link AcceptWatch}) that connection can be
 * closed: the peer then retries with a plain handshake instead of waiting minutes for an answer.
 */
final class LastAcceptedChannel extends ServerSocketChannel {

    private final ServerSocketChannel channel;
    private volatile SocketChannel last;

    LastAcceptedChannel(ServerSocketChannel channel) {
        super(channel.provider());
        this.channel = channel;
    }

    /** Closes the connection accepted last; the accept thread died while reading it. */
    void closeLast() {
        SocketChannel connection = last;
        last = null;
        if (connection != null) {
            try {
                connection.close();
            }
            catch (IOException ex) {
                // Closed already.
            }
        }
    }

    @Override
    public SocketChannel accept() throws IOException {
        SocketChannel accepted = channel.accept();
        if (accepted != null) {
            last = accepted;
        }
        return accepted;
    }

    @Override
    public ServerSocketChannel bind(SocketAddress local, int backlog) throws IOException {
        channel.bind(local, backlog);
        return this;
    }

    @Override
    public <T> ServerSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
        channel.setOption(name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return channel.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return channel.supportedOptions();
    }

    @Override
    public ServerSocket socket() {
        return channel.socket();
    }

    @Override
    public SocketAddress getLocalAddress() throws IOException {
        return channel.getLocalAddress();
    }

    @Override
    protected void implCloseSelectableChannel() throws IOException {
        channel.close();
    }

    @Override
    protected void implConfigureBlocking(boolean block) throws IOException {
        channel.configureBlocking(block);
    }
}
