package io.pushtrain.train.push;

import java.util.List;

import io.pushtrain.train.pick.PickEntity;

/**
 * Where a push and {@link PushPicks} keep what they know: the push itself, the picks it took in
 * merge order, and what became of each in it. The database in the server; maps in unit tests.
 * Entities it answers are live: changes to them are kept when the caller's transaction commits.
 */
public interface PushLedger {

    PushEntity push(long pushId);

    /**
     * The push, locked until the caller's transaction ends: what the presence step reads its
     * deadline with, so a release engineer's extension or skip is either before it or after it.
     */
    default PushEntity lockedPush(long pushId) {
        return push(pushId);
    }

    /** The train's picks that wait for a push (approved, confirmed, deferred), in request order. */
    List<PickEntity> queued(long trainId);

    /** Every pick the push took, in merge order, wherever they are now. */
    List<PickEntity> taken(long pushId);

    /** Records that the push took the pick, at this place in its merge order. */
    void take(long pushId, PickEntity pick, int position);

    /** Records what the pick is now as its outcome in the push. */
    void outcome(long pushId, PickEntity pick);
}
