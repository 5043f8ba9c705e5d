package io.pushtrain.irc.command;

import java.util.Optional;

import io.pushtrain.irc.identity.Identities;

/**
 * Who sent a command and where, as the bot knew it when the line arrived.
 *
 * @param channel the channel it was said in; null for a private message
 * @param person the pushtrain person the nick is bound to, if any
 * @param ticket the nick's identity state on arrival, for a binding made from this line
 * @param inSharedChannel the nick is in one of the bot's channels
 */
record Caller(String nick, String channel, Optional<String> person, Identities.Ticket ticket,
        boolean inSharedChannel) {

    boolean privately() {
        return channel == null;
    }

    Caller as(String name) {
        return new Caller(nick, channel, Optional.of(name), ticket, inSharedChannel);
    }
}
