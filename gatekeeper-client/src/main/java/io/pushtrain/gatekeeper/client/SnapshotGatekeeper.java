package io.pushtrain.gatekeeper.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Gatekeeper} that answers from a snapshot swapped atomically on every change. */
abstract class SnapshotGatekeeper implements Gatekeeper {

    private static final System.Logger log = System.getLogger(SnapshotGatekeeper.class.getName());

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile FlagSnapshot snapshot = FlagSnapshot.empty();

    @Override
    public final Evaluation evaluate(String flag, FlagUser user) {
        try {
            return snapshot.evaluate(flag, user);
        }
        catch (RuntimeException unexpected) {
            // The caller's request must not fail because of a flag: answer "no variant", say why in the log.
            log.log(System.Logger.Level.WARNING, "flag " + flag + " could not be evaluated", unexpected);
            return Evaluation.missing("error: " + unexpected.getClass().getSimpleName());
        }
    }

    @Override
    public final void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** The flags this instance answers from now. */
    public final FlagSnapshot snapshot() {
        return snapshot;
    }

    final synchronized void replace(FlagSnapshot next) {
        snapshot = next;
        for (Runnable listener : listeners) {
            try {
                listener.run();
            }
            catch (RuntimeException failed) {
                log.log(System.Logger.Level.WARNING, "a flag change listener failed", failed);
            }
        }
    }

    final synchronized void update(java.util.function.UnaryOperator<FlagSnapshot> change) {
        replace(change.apply(snapshot));
    }
}
