package io.pushtrain.flags;

import io.pushtrain.gatekeeper.client.FlagException;

/** A flag, or a version of it, that does not exist. */
public class UnknownFlag extends FlagException {

    public UnknownFlag(String message) {
        super(message);
    }
}
