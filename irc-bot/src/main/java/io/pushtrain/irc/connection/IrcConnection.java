package io.pushtrain.irc.connection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocketFactory;

import io.pushtrain.irc.IrcProperties;

import org.pircbotx.Configuration;
import org.pircbotx.PircBotX;
import org.pircbotx.User;
import org.pircbotx.cap.EnableCapHandler;
import org.pircbotx.cap.SASLCapHandler;
import org.pircbotx.hooks.Listener;
import org.pircbotx.hooks.managers.SequentialListenerManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The bot's link to the IRC server: connects on its own thread (never holding up start-up),
 * joins the channels, reconnects with a doubling back-off, and sends every line through one
 * queue paced by {@code pushtrain.irc.message-delay}, so nothing that publishes an event ever
 * waits for IRC.
 */
@Component
public class IrcConnection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IrcConnection.class);
    private static final Pattern TARGET = Pattern.compile("[^\\s\\x00-\\x1f,]{1,64}");
    private static final int QUEUE = 5_000;

    private final IrcProperties properties;
    private final DemoIrcServer demo;
    private final ObjectProvider<Listener> listeners;
    private final ExecutorService outbox;
    private volatile PircBotX bot;
    private volatile boolean running;
    private volatile Instant connectedAt;
    private Thread thread;

    IrcConnection(IrcProperties properties, DemoIrcServer demo, ObjectProvider<Listener> listeners,
            Environment environment, ObjectProvider<LoggingSystem> logging) {
        this.properties = properties;
        this.demo = demo;
        this.listeners = listeners;
        this.outbox = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE),
                daemon("irc-out"), (task, pool) -> log.warn("IRC: {} lines wait to be sent; dropped one", QUEUE));
        quietPircBotX(environment, logging);
    }

    /** The channels the bot joins. */
    public List<String> channels() {
        return properties.channels();
    }

    /** The bot's nick on the server now (it may differ from the configured one if that was taken). */
    public String nick() {
        PircBotX current = bot;
        return current != null && current.getNick() != null ? current.getNick() : properties.nick();
    }

    /** Connected and registered with the server. */
    public boolean isConnected() {
        PircBotX current = bot;
        return current != null && connectedAt != null && current.isConnected();
    }

    /** The bot is in the channel now. */
    public boolean inChannel(String channel) {
        PircBotX current = bot;
        return isConnected() && current.getUserChannelDao().containsChannel(channel);
    }

    /** Whether the nick is in one of the bot's channels, so the bot will see it leave or change nick. */
    public boolean sharesChannelWith(String nick) {
        PircBotX current = bot;
        if (current == null || !current.getUserChannelDao().containsUser(nick)) {
            return false;
        }
        User user = current.getUserChannelDao().getUser(nick);
        return current.getUserChannelDao().getChannels(user).stream()
            .anyMatch(channel -> properties.channels().stream().anyMatch(c -> c.equalsIgnoreCase(channel.getName())));
    }

    /** Queues a message to a channel or nick; the text is made one safe line. */
    public void say(String target, String text) {
        queue(target, text, false);
    }

    /** Queues a notice to a channel or nick. */
    public void notice(String target, String text) {
        queue(target, text, true);
    }

    /** Queues a message to every channel of the bot. */
    public void announce(String text) {
        properties.channels().forEach(channel -> say(channel, text));
    }

    /** Asks the server who the nick is; the answer arrives as a WhoisEvent. */
    public void whois(String nick) {
        if (!TARGET.matcher(nick).matches()) {
            return;
        }
        outbox.execute(() -> send(b -> b.sendRaw().rawLine("WHOIS " + nick)));
    }

    private void queue(String target, String text, boolean notice) {
        if (target == null || !TARGET.matcher(target).matches()) {
            log.warn("IRC: not sending to '{}': not a nick or channel", IrcText.quote(target, 40));
            return;
        }
        String line = IrcText.line(text, properties.maxLineBytes());
        if (line.isEmpty()) {
            return;
        }
        outbox.execute(() -> send(b -> {
            if (notice) {
                b.sendIRC().notice(target, line);
            }
            else {
                b.sendIRC().message(target, line);
            }
        }));
    }

    private void send(java.util.function.Consumer<PircBotX> action) {
        PircBotX current = bot;
        if (current == null || !current.isConnected()) {
            return;
        }
        try {
            action.accept(current);
        }
        catch (RuntimeException lost) {
            // The connection dropped between the check and the write; the reconnect loop takes over.
            log.debug("IRC: line not sent: {}", lost.getMessage());
        }
    }

    @Override
    public void start() {
        Optional<Target> target = target();
        if (target.isEmpty()) {
            return;
        }
        running = true;
        thread = daemon("irc-connection").newThread(() -> connectLoop(target.get()));
        thread.start();
    }

    private Optional<Target> target() {
        if (properties.turnedOff()) {
            log.info("IRC is off: pushtrain.irc.enabled=false");
            return Optional.empty();
        }
        if (properties.hasHost()) {
            return Optional.of(new Target(properties.host(), properties.port(), properties.tls(), false));
        }
        Optional<Target> local = demo.server().map(s -> new Target(s.host(), s.port(), false, true));
        if (local.isEmpty()) {
            log.info(demo.missingBinary()
                    ? "IRC is off: demo mode starts a local IRC server only where ngircd is installed"
                            + " (apt-get install ngircd), or set pushtrain.irc.host to use yours"
                    : "IRC is off: set pushtrain.irc.host (and pushtrain.irc.channels) to connect the bot");
        }
        return local;
    }

    private void connectLoop(Target target) {
        Duration wait = properties.reconnect().minDelay();
        if (target.local()) {
            demo.awaitReady(Duration.ofSeconds(10));
        }
        while (running) {
            connectOnce(target);
            if (!running) {
                return;
            }
            boolean lasted = connectedAt != null && connectedAt.isBefore(Instant.now().minus(Duration.ofMinutes(1)));
            wait = lasted ? properties.reconnect().minDelay() : wait;
            log.info("IRC: connecting to {}:{} again in {}s", target.host(), target.port(), wait.toSeconds());
            if (!pause(wait)) {
                return;
            }
            wait = min(wait.multipliedBy(2), properties.reconnect().maxDelay());
        }
    }

    private void connectOnce(Target target) {
        connectedAt = null;
        PircBotX next = new PircBotX(configuration(target));
        bot = next;
        try {
            next.startBot();
        }
        catch (Exception ex) {
            // A wrong host name and the like: said once per attempt, without a stack trace.
            log.warn("IRC: could not connect to {}:{}: {}", target.host(), target.port(), ex.getMessage());
        }
    }

    private Configuration configuration(Target target) {
        SequentialListenerManager manager = SequentialListenerManager.builder()
            .executorPool(Executors.newCachedThreadPool(daemon("irc-hooks"))).build();
        Configuration.Builder builder = new Configuration.Builder()
            .setName(properties.nick()).setLogin("pushtrain").setRealName("pushtrain release train bot")
            .setVersion("pushtrain").addServer(target.host(), target.port()).setEncoding(StandardCharsets.UTF_8)
            .setAutoNickChange(true).setAutoReconnect(false).setShutdownHookEnabled(false)
            .setAutoSplitMessage(false).setMessageDelay(properties.messageDelay().toMillis())
            .setSocketTimeout((int) Duration.ofMinutes(2).toMillis()).setListenerManager(manager)
            .addAutoJoinChannels(properties.channels()).setCapEnabled(true)
            .addCapHandler(new EnableCapHandler("account-notify", true))
            .addCapHandler(new EnableCapHandler("account-tag", true));
        if (target.tls()) {
            builder.setSocketFactory(SSLSocketFactory.getDefault());
        }
        if (properties.sasl().configured()) {
            builder.addCapHandler(new SASLCapHandler(properties.sasl().account(), properties.sasl().password()));
        }
        // Inline: the bot's own hooks see every event in order, on the thread that reads the server,
        // so a nick change is handled before the next line from that nick.
        manager.addListenerInline(new LinkEvents(target, this::connected));
        listeners.orderedStream().forEach(manager::addListenerInline);
        return builder.buildConfiguration();
    }

    private void connected() {
        connectedAt = Instant.now();
    }

    @Override
    public void stop() {
        running = false;
        PircBotX current = bot;
        if (current != null) {
            current.stopBotReconnect();
            if (current.isConnected()) {
                try {
                    current.sendRaw().rawLineNow("QUIT :pushtrain is stopping");
                }
                catch (RuntimeException gone) {
                    log.debug("IRC: could not say goodbye: {}", gone.getMessage());
                }
                current.close();
            }
        }
        if (thread != null) {
            thread.interrupt();
            join(thread);
        }
        outbox.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DemoIrcServer.PHASE + 1000;
    }

    /** PircBotX logs every line it reads, tokens in private messages included: keep it quiet. */
    private static void quietPircBotX(Environment environment, ObjectProvider<LoggingSystem> logging) {
        if (environment.containsProperty("logging.level.org.pircbotx")) {
            return;
        }
        logging.ifAvailable(system -> system.setLogLevel("org.pircbotx", LogLevel.OFF));
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        }
        catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(3_000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Where the bot connects. */
    record Target(String host, int port, boolean tls, boolean local) {
    }
}
