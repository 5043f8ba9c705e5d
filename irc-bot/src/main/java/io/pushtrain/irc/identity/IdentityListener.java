package io.pushtrain.irc.identity;

import io.pushtrain.irc.connection.IrcConnection;

import org.pircbotx.hooks.ListenerAdapter;
import org.pircbotx.hooks.events.DisconnectEvent;
import org.pircbotx.hooks.events.KickEvent;
import org.pircbotx.hooks.events.NickChangeEvent;
import org.pircbotx.hooks.events.PartEvent;
import org.pircbotx.hooks.events.QuitEvent;
import org.pircbotx.hooks.events.UnknownEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Ends bindings when their nick changes hands: a nick change, a quit, leaving the last shared
 * channel, the bot losing the server, or the services account logging out (IRCv3 account-notify).
 */
@Component
@Order(1)
class IdentityListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(IdentityListener.class);

    private final Identities identities;
    private final IrcConnection connection;

    IdentityListener(Identities identities, IrcConnection connection) {
        this.identities = identities;
        this.connection = connection;
    }

    @Override
    public void onNickChange(NickChangeEvent event) {
        end(event.getOldNick(), "changed nick to " + event.getNewNick());
        identities.forget(event.getNewNick());
    }

    @Override
    public void onQuit(QuitEvent event) {
        end(event.getUserHostmask().getNick(), "quit");
    }

    @Override
    public void onPart(PartEvent event) {
        String nick = event.getUserHostmask().getNick();
        if (!connection.sharesChannelWith(nick)) {
            end(nick, "left the bot's channels");
        }
    }

    @Override
    public void onKick(KickEvent event) {
        String nick = event.getRecipientHostmask().getNick();
        if (!connection.sharesChannelWith(nick)) {
            end(nick, "was kicked from the bot's channels");
        }
    }

    @Override
    public void onDisconnect(DisconnectEvent event) {
        identities.forgetAll();
    }

    /** {@code :nick!user@host ACCOUNT *}: the nick logged out of services (account-notify). */
    @Override
    public void onUnknown(UnknownEvent event) {
        String[] parts = event.getLine().split(" ");
        if (parts.length >= 3 && parts[1].equals("ACCOUNT") && parts[0].startsWith(":")) {
            String nick = parts[0].substring(1).split("!", 2)[0];
            identities.of(nick).filter(b -> b.proof() == Identities.Proof.ACCOUNT)
                .ifPresent(b -> end(nick, "changed services account"));
        }
    }

    private void end(String nick, String why) {
        identities.of(nick).ifPresent(b -> log.info("IRC: {} no longer speaks for {}: {}", nick, b.person(), why));
        identities.forget(nick);
    }
}
