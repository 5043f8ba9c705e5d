package io.pushtrain.benchmarks.irc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.pushtrain.irc.connection.IrcConnection;
import io.pushtrain.irc.connection.Ngircd;
import io.pushtrain.testsupport.TestPostgres;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import io.pushtrain.train.Trains;

import org.eclipse.jgit.lib.ObjectId;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The IRC bot under load (issue 5): a real ngircd on a free loopback port, pushtrain (release
 * train, karma, IRC bot) in-process on an embedded PostgreSQL with a trunk and a cut train, and
 * {@code --clients} simulated developers on raw sockets in the channel. For {@code --seconds} they
 * send {@code --rate} read-only commands a second in the channel ({@code !status <rev>},
 * {@code !karma <nick>}, {@code !help}, {@code !picks}, {@code !oncall}), round-robin over the
 * developers so each stays far under the bot's per-nick flood limit. The latency of a command
 * is from its send to the first line the bot addresses to that nick ({@code "<nick>: ..."} in
 * the channel); the bot's answers carry no token of the command, so they are matched to the
 * nick's commands in order (a developer has at most one outstanding at these rates).
 *
 * <pre>java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     io.pushtrain.benchmarks.irc.IrcLoadBenchmark --clients 200 --rate 50 --seconds 60</pre>
 */
public final class IrcLoadBenchmark {

    private static final String CHANNEL = "#release";
    private static final String HELP_SECOND_LINE = "!pick, !here, !withdraw and !push need";

    private IrcLoadBenchmark() {
    }

    /** Release train, karma and the IRC bot; nothing of the dashboard or push-server. */
    @SpringBootApplication(scanBasePackages = { "io.pushtrain.train", "io.pushtrain.karma", "io.pushtrain.irc" })
    @ConfigurationPropertiesScan("io.pushtrain")
    @EntityScan("io.pushtrain")
    @EnableJpaRepositories("io.pushtrain")
    static class Bot {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int clients = Integer.parseInt(options.getOrDefault("clients", "200"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "50"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        String messageDelay = options.getOrDefault("message-delay", "5ms");
        Path ngircd = Ngircd.find().orElseThrow(() -> new IllegalStateException("ngircd is not installed: apt-get install ngircd"));

        Path dir = Files.createTempDirectory("irc-load");
        try (Ngircd server = Ngircd.start(ngircd, dir.resolve("ngircd"), CHANNEL);
                TestTrunk trunk = TestTrunk.create(dir.resolve("trunk.git"))) {
            if (!server.awaitReady(Duration.ofSeconds(10))) {
                throw new IllegalStateException("ngircd did not start:\n" + server.log());
            }
            List<String> revisions = new ArrayList<>();
            ObjectId base = trunk.commit("ann", "Start the app", Map.of("a.txt", "a1\n", "b.txt", "b1\n"));
            revisions.add(base.name());
            for (int i = 0; i < 20; i++) {
                revisions.add(trunk.commit("dev" + i, "Change " + i, Map.of("f" + i + ".txt", "x" + i + "\n")).name());
            }
            TestPostgres postgres = TestPostgres.get();
            List<String> properties = List.of("--server.port=0", "--pushtrain.schedule.enabled=false",
                    "--logging.level.root=warn", "--pushtrain.data-dir=" + dir.resolve("data"),
                    "--pushtrain.trunk.remote=" + trunk.url(), "--spring.datasource.url=" + postgres.jdbcUrl(),
                    "--spring.datasource.username=" + postgres.username(),
                    "--spring.datasource.password=" + postgres.password(), "--pushtrain.irc.host=" + server.host(),
                    "--pushtrain.irc.port=" + server.port(), "--pushtrain.irc.channels=" + CHANNEL,
                    "--pushtrain.irc.message-delay=" + messageDelay, "--pushtrain.irc.oncall.search=alice",
                    "--pushtrain.irc.oncall.payments=bob");
            long started = System.nanoTime();
            try (ConfigurableApplicationContext app = SpringApplication.run(Bot.class, properties.toArray(String[]::new))) {
                IrcConnection bot = app.getBean(IrcConnection.class);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!bot.inChannel(CHANNEL) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                if (!bot.inChannel(CHANNEL)) {
                    throw new IllegalStateException("the bot did not join " + CHANNEL + ":\n" + server.log());
                }
                System.out.printf("application started and bot in %s in %.1f s (message-delay %s)%n", CHANNEL,
                        (System.nanoTime() - started) / 1e9, messageDelay);
                app.getBean(Trains.class).cut(base.name(), "rita", false);
                People people = app.getBean(People.class);
                List<String> known = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String name = "person" + i;
                    people.create(new NewPerson(name, Set.of(Role.DEVELOPER), null, null));
                    known.add(name);
                }
                run(server.port(), bot.nick(), clients, rate, seconds, revisions, known);
            }
        }
    }

    private static void run(int port, String botNick, int count, double rate, int seconds, List<String> revisions,
            List<String> known) throws Exception {
        long connecting = System.nanoTime();
        List<Developer> developers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            developers.add(Developer.connect(port, String.format("dev%03d", i), botNick));
        }
        for (Developer developer : developers) {
            developer.registered.await(30, TimeUnit.SECONDS);
            developer.raw("JOIN " + CHANNEL);
        }
        for (Developer developer : developers) {
            if (!developer.joined.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(developer.nick + " did not get into " + CHANNEL);
            }
        }
        System.out.printf("%d developers connected and in %s in %.1f s%n", count, CHANNEL,
                (System.nanoTime() - connecting) / 1e9);
        developers.forEach(d -> d.recording = true);

        long total = Math.round(rate * seconds);
        long intervalNanos = Math.round(1e9 / rate);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Developer developer = developers.get((int) (i % count));
            developer.send(command(i, revisions, known));
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        // Let the last answers arrive; anything not in within 10 s counts as unanswered.
        long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < drain && developers.stream().anyMatch(d -> !d.pending.isEmpty())) {
            Thread.sleep(50);
        }
        List<Long> latencies = new ArrayList<>();
        long answered = 0;
        long unanswered = 0;
        long warned = 0;
        for (Developer developer : developers) {
            latencies.addAll(developer.latencies);
            answered += developer.latencies.size();
            unanswered += developer.pending.size();
            warned += developer.slowDown.get();
        }
        long sent = developers.stream().mapToLong(d -> d.sent.get()).sum();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%nload average at the end: %s%n", loadAverage());
        System.out.printf("IRC bot under load: %d developers, %.0f commands/s for %d s (sent over %.1f s)%n", count,
                rate, seconds, sendSeconds);
        System.out.printf("commands sent        %8d%n", sent);
        System.out.printf("answered             %8d%n", answered);
        System.out.printf("unanswered (>10 s)   %8d%n", unanswered);
        System.out.printf("slow-down notices    %8d%n", warned);
        System.out.printf("bot lines per dev    %8d (channel lines every developer received while measuring)%n",
                developers.get(0).channelLines.get());
        if (sorted.length > 0) {
            System.out.printf("latency p50          %8.1f ms%n", percentile(sorted, 0.50));
            System.out.printf("latency p90          %8.1f ms%n", percentile(sorted, 0.90));
            System.out.printf("latency p99          %8.1f ms%n", percentile(sorted, 0.99));
            System.out.printf("latency max          %8.1f ms%n", sorted[sorted.length - 1] / 1e6);
        }
        developers.forEach(Developer::close);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        }
        catch (IOException ex) {
            return "unknown";
        }
    }

    private static String command(long i, List<String> revisions, List<String> known) {
        int n = (int) (i / 5);
        return switch ((int) (i % 5)) {
            case 0 -> "!status " + revisions.get(n % revisions.size()).substring(0, 10);
            case 1 -> "!karma " + known.get(n % known.size());
            case 2 -> "!help";
            case 3 -> "!picks";
            default -> n % 2 == 0 ? "!oncall" : "!oncall search";
        };
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** One developer: a socket, a reader thread, and the send times of its unanswered commands. */
    private static final class Developer {

        final String nick;
        final String botPrefix;
        final Socket socket;
        final OutputStream out;
        final CountDownLatch registered = new CountDownLatch(1);
        final CountDownLatch joined = new CountDownLatch(1);
        final ConcurrentLinkedQueue<Long> pending = new ConcurrentLinkedQueue<>();
        final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicLong sent = new AtomicLong();
        final AtomicLong slowDown = new AtomicLong();
        final AtomicLong channelLines = new AtomicLong();
        volatile boolean recording;
        volatile boolean closing;

        private Developer(String nick, String botNick, Socket socket) throws IOException {
            this.nick = nick;
            this.botPrefix = ":" + botNick + "!";
            this.socket = socket;
            this.socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
        }

        static Developer connect(int port, String nick, String botNick) throws IOException {
            Developer developer = new Developer(nick, botNick, new Socket("127.0.0.1", port));
            Thread reader = new Thread(developer::read, "dev-" + nick);
            reader.setDaemon(true);
            reader.start();
            developer.raw("NICK " + nick);
            developer.raw("USER " + nick + " 0 * :" + nick + " the developer");
            return developer;
        }

        void send(String command) {
            // The time is queued before the line leaves, so a fast answer always finds it.
            pending.add(System.nanoTime());
            sent.incrementAndGet();
            raw("PRIVMSG " + CHANNEL + " :" + command);
        }

        synchronized void raw(String line) {
            try {
                out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            catch (IOException ex) {
                throw new java.io.UncheckedIOException(nick + " lost its connection", ex);
            }
        }

        private void read() {
            String mention = " PRIVMSG " + CHANNEL + " :" + nick + ": ";
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    long now = System.nanoTime();
                    if (line.startsWith("PING ")) {
                        raw("PONG " + line.substring(5));
                        continue;
                    }
                    if (line.startsWith(botPrefix)) {
                        if (recording && line.contains(" PRIVMSG " + CHANNEL + " :")) {
                            channelLines.incrementAndGet();
                        }
                        int at = line.indexOf(mention);
                        if (at >= 0) {
                            if (!line.startsWith(HELP_SECOND_LINE, at + mention.length())) {
                                Long sentAt = pending.poll();
                                if (sentAt != null) {
                                    latencies.add(now - sentAt);
                                }
                            }
                        }
                        else if (line.contains(" NOTICE " + nick + " :slow down")) {
                            slowDown.incrementAndGet();
                        }
                        continue;
                    }
                    if (line.contains(" 001 ")) {
                        registered.countDown();
                    }
                    else if (line.contains(" 366 " + nick + " " + CHANNEL + " ")) {
                        joined.countDown();
                    }
                    else if (line.startsWith("ERROR") && !closing) {
                        System.err.println(nick + ": " + line);
                    }
                }
            }
            catch (IOException closed) {
                // closed at the end of the run, or the server went away
            }
        }

        void close() {
            closing = true;
            try {
                raw("QUIT :done");
                socket.close();
            }
            catch (IOException | RuntimeException ex) {
                // already gone
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
