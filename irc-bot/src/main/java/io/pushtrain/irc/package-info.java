/**
 * The IRC bot, a front-end: developers request picks, confirm presence and look up revisions
 * from chat, and the channel hears how each push goes. It calls the release train's services,
 * listens to its events and to distribution's (a tier's health gate stopping a rollout), and reads karma. Its API is this package (its settings); sub-packages
 * are internal: {@code connection} (the PircBotX link and the demo ngircd), {@code command},
 * {@code identity}, {@code presence}, {@code push}.
 */
@ApplicationModule(displayName = "irc-bot", allowedDependencies = { "train", "karma", "distribution" })
package io.pushtrain.irc;

import org.springframework.modulith.ApplicationModule;
