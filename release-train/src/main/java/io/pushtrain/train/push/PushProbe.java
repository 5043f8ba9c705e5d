package io.pushtrain.train.push;

/**
 * Named points inside a push where a crash would hurt most. Production does nothing there; the
 * crash tests stop the push at each of them and check that it resumes cleanly.
 */
public interface PushProbe {

    void reached(String point);

    /** The production probe. */
    PushProbe NONE = point -> {
    };
}
