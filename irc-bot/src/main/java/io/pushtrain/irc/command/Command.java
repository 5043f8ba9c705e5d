package io.pushtrain.irc.command;

/** One thing someone asked the bot, parsed; what the bot answers is decided by {@link CommandRunner}. */
sealed interface Command {

    /** Commands that change the train: only a nick bound to a person may send them. */
    default boolean changesState() {
        return false;
    }

    record Pick(String commit, String reason) implements Command {
        @Override
        public boolean changesState() {
            return true;
        }
    }

    record Picks() implements Command {
    }

    record Status(String revision) implements Command {
    }

    record Push() implements Command {
        @Override
        public boolean changesState() {
            return true;
        }
    }

    record Here() implements Command {
        @Override
        public boolean changesState() {
            return true;
        }
    }

    /**
     * The release engineer's hand on the running push's presence wait.
     *
     * @param action "end", "extend" or "skip"
     * @param by for "extend", how much longer
     * @param nick for "skip", the requester's nick or name
     */
    record Presence(String action, java.time.Duration by, String nick) implements Command {
        @Override
        public boolean changesState() {
            return true;
        }
    }

    /** The release engineer freezes the current train: no push starts on it until it is unfrozen. */
    record Freeze(String reason) implements Command {
        @Override
        public boolean changesState() {
            return true;
        }
    }

    record Unfreeze() implements Command {
        @Override
        public boolean changesState() {
            return true;
        }
    }

    /** An emergency push of only these picks, without the presence wait, for this reason. */
    record Emergency(java.util.List<Long> picks, String reason) implements Command {
        @Override
        public boolean changesState() {
            return true;
        }
    }

    /** A resolved commit for a pick in CONFLICT. */
    record Backport(long pick, String commit) implements Command {
        @Override
        public boolean changesState() {
            return true;
        }
    }

    record Withdraw(long pick) implements Command {
        @Override
        public boolean changesState() {
            return true;
        }
    }

    record Karma(String nick) implements Command {
    }

    record Oncall(String team) implements Command {
    }

    record Flag(String name) implements Command {
    }

    /** The token is kept here only long enough to look it up; records print it, so never log one. */
    record Identify(String token) implements Command {
        @Override
        public String toString() {
            return "Identify[token=(hidden)]";
        }
    }

    record Help() implements Command {
    }

    /** A known command with the wrong arguments: answered with its usage. */
    record Malformed(String usage, String problem) implements Command {
    }

    /** A word after "!" the bot does not know. */
    record Unknown(String word) implements Command {
    }
}
