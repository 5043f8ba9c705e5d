package io.pushtrain.gatekeeper.client;

import java.util.List;

/** An in-memory Gatekeeper for an application's tests: set the flags the test needs, no server. */
public final class FakeGatekeeper extends SnapshotGatekeeper {

    /** Adds or replaces a flag; an invalid one is refused at once, so a test cannot rely on a broken flag by accident. */
    public FakeGatekeeper put(Flag flag) {
        CompiledFlag.of(flag);
        update(snapshot -> snapshot.with(flag));
        return this;
    }

    /** A boolean flag that is on for everyone. */
    public FakeGatekeeper enable(String name) {
        return put(Flag.booleanFlag(name, true, List.of(Rule.percentage(100, "on"))));
    }

    /** A boolean flag that is off for everyone. */
    public FakeGatekeeper disable(String name) {
        return put(Flag.booleanFlag(name, false, List.of()));
    }

    public FakeGatekeeper remove(String name) {
        update(snapshot -> snapshot.without(name));
        return this;
    }
}
