package io.pushtrain.gatekeeper.client;

import java.util.List;

/** A flag definition that cannot be served: each problem names the rule or field and what is wrong. */
public class InvalidFlag extends FlagException {

    private final List<String> problems;

    public InvalidFlag(String flag, List<String> problems) {
        super("Flag '" + flag + "' is invalid: " + String.join("; ", problems) + ".");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
