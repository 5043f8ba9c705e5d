package io.pushtrain.irc.connection;

import org.pircbotx.hooks.ListenerAdapter;
import org.pircbotx.hooks.events.ConnectAttemptFailedEvent;
import org.pircbotx.hooks.events.ConnectEvent;
import org.pircbotx.hooks.events.DisconnectEvent;
import org.pircbotx.hooks.events.ListenerExceptionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says in the log, in one line each, when the bot connects, fails to, or loses the server. */
class LinkEvents extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(IrcConnection.class);

    private final IrcConnection.Target target;
    private final Runnable connected;

    LinkEvents(IrcConnection.Target target, Runnable connected) {
        this.target = target;
        this.connected = connected;
    }

    @Override
    public void onConnect(ConnectEvent event) {
        connected.run();
        log.info("IRC: connected to {}:{} as {}, joining {}", target.host(), target.port(), event.getBot().getNick(),
                event.getBot().getConfiguration().getAutoJoinChannels().keySet());
    }

    @Override
    public void onConnectAttemptFailed(ConnectAttemptFailedEvent event) {
        String why = event.getConnectExceptions().values().stream().map(Throwable::getMessage).findFirst()
            .orElse("no answer");
        log.warn("IRC: cannot reach {}:{}: {}", target.host(), target.port(), why);
    }

    @Override
    public void onDisconnect(DisconnectEvent event) {
        if (event.getDisconnectException() != null) {
            log.warn("IRC: lost {}:{}: {}", target.host(), target.port(), event.getDisconnectException().getMessage());
        }
        else {
            log.info("IRC: disconnected from {}:{}", target.host(), target.port());
        }
    }

    @Override
    public void onListenerException(ListenerExceptionEvent event) {
        log.warn("IRC: a hook failed on {}: {}", event.getSourceEvent().getClass().getSimpleName(),
                event.getException().toString());
    }
}
