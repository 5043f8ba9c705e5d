package io.pushtrain.irc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * The developer in the tests: a bare IRC client on a socket that sends raw lines and keeps
 * every line the server sends it, so a test can wait for the one it expects.
 */
final class IrcClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile String nick;

    private IrcClient(Socket socket, String nick) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.nick = nick;
        Thread reader = new Thread(this::read, "irc-client-" + nick);
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects, registers as {@code nick} and waits for the welcome. */
    static IrcClient connect(int port, String nick) {
        try {
            IrcClient client = new IrcClient(new Socket("127.0.0.1", port), nick);
            client.raw("NICK " + nick);
            client.raw("USER " + nick + " 0 * :" + nick + " the developer");
            client.await(" 001 ");
            return client;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String nick() {
        return nick;
    }

    void join(String channel) {
        raw("JOIN " + channel);
        await(" 366 " + nick + " " + channel + " ");
    }

    void say(String target, String text) {
        raw("PRIVMSG " + target + " :" + text);
    }

    void changeNick(String next) {
        raw("NICK " + next);
        awaitMatching(l -> l.startsWith(":" + nick + "!") && l.contains(" NICK "));
        nick = next;
    }

    void part(String channel) {
        raw("PART " + channel + " :bye");
    }

    /** Sends one raw line; the CR LF is added here, so a test can put its own inside. */
    void raw(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every line received so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Forgets what was received, so the next wait only sees new lines. */
    void clear() {
        lines.clear();
    }

    String await(String fragment) {
        return awaitMatching(l -> l.contains(fragment));
    }

    /** The first line from {@code from} (a nick) whose text contains {@code fragment}. */
    String awaitFrom(String from, String fragment) {
        return awaitMatching(l -> l.startsWith(":" + from + "!") && l.contains(fragment));
    }

    String awaitMatching(Predicate<String> match) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
            .until(() -> lines.stream().filter(match).findFirst().orElse(null), line -> line != null);
    }

    /** The text of a PRIVMSG or NOTICE line, after the second colon. */
    static String text(String line) {
        int colon = line.indexOf(" :");
        return colon < 0 ? line : line.substring(colon + 2);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("PING ")) {
                    raw("PONG " + line.substring(5));
                }
                lines.add(line);
            }
        }
        catch (IOException closed) {
            // the test closed the socket, or the server went away: no more lines
        }
    }

    @Override
    public void close() {
        try {
            raw("QUIT :done");
            socket.close();
        }
        catch (IOException | UncheckedIOException ex) {
            // already gone
        }
    }
}
