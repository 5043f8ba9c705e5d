package io.pushtrain.server;

/** Thrown where the server itself finds a problem at start-up that an operator must fix. */
public class StartupProblem extends RuntimeException {

    private final transient StartupFailure failure;

    public StartupProblem(String whatIsWrong, String howToFix, Throwable cause) {
        super(whatIsWrong + ". Fix: " + howToFix, cause);
        this.failure = new StartupFailure(whatIsWrong, howToFix);
    }

    public StartupFailure failure() {
        return failure;
    }
}
