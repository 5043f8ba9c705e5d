package io.pushtrain.agent;

/** The host agent's one unchecked exception: something the agent cannot do now and will retry. */
public class AgentException extends RuntimeException {

    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The server answered with an HTTP status the agent did not expect. */
    public static final class ServerRefused extends AgentException {

        private final int status;

        public ServerRefused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** 401 or 403: the token is wrong, revoked, or not a HOST token. */
        public boolean badToken() {
            return status == 401 || status == 403;
        }
    }
}
