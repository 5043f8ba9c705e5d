package io.pushtrain.benchmarks.distribution;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 GET client on one socket, kept alive while the server allows it: light enough
 * that the load generator does not drown the tracker it measures on a 2-core machine.
 */
final class HttpConnection implements Closeable {

    private final InetSocketAddress address;
    private final byte[] hostHeader;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private boolean closeAfter;
    private int connects;
    private int status;
    private boolean reused;
    private boolean serverCloses;

    HttpConnection(InetSocketAddress address) {
        this(address, false);
    }

    /**
     * With {@code newConnectionEach}, every request goes on a connection of its own and asks
     * {@code Connection: close}, as a client that does not keep connections alive does.
     */
    HttpConnection(InetSocketAddress address, boolean newConnectionEach) {
        this.address = address;
        this.serverCloses = newConnectionEach;
        this.hostHeader = ("\r\nHost: " + address.getHostString() + ":" + address.getPort()
                + (newConnectionEach ? "\r\nConnection: close" : "") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** GETs {@code pathAndQuery}; returns the body. Retries once on a connection the server closed meanwhile. */
    byte[] get(String pathAndQuery) throws IOException {
        byte[] request = ("GET " + pathAndQuery + " HTTP/1.1").getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0;; attempt++) {
            boolean fresh = socket == null;
            if (fresh) {
                open();
            }
            try {
                out.write(request);
                out.write(hostHeader);
                out.flush();
                byte[] body = readResponse();
                if (!fresh) {
                    reused = true;
                }
                if (closeAfter || serverCloses) {
                    close();
                }
                return body;
            } catch (IOException e) {
                close();
                if (fresh || attempt > 0) {
                    throw e;
                }
                if (!reused) {
                    // The server answers HTTP/1.1 but closes after every response (opentracker does):
                    // open a connection per request from now on instead of failing on a dead one each time.
                    serverCloses = true;
                }
            }
        }
    }

    int status() {
        return status;
    }

    int connects() {
        return connects;
    }

    boolean keptAlive() {
        return reused && !serverCloses;
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5_000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        connects++;
    }

    private byte[] readResponse() throws IOException {
        String statusLine = line();
        if (statusLine.isEmpty()) {
            throw new EOFException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        status = Integer.parseInt(parts[1]);
        closeAfter = parts[0].equals("HTTP/1.0");
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closeAfter = value.contains("close") || (closeAfter && !value.contains("keep-alive"));
                default -> {
                }
            }
        }
        if (chunked) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                line();
            }
        }
        if (length >= 0) {
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new EOFException("short body");
            }
            return body;
        }
        closeAfter = true;
        return in.readAllBytes();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}
