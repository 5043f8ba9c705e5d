package io.pushtrain.train.push;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.pushtrain.train.PickState;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.pick.PickEntity;

import org.springframework.test.util.ReflectionTestUtils;

/** The push ledger in maps, for unit tests of the pick owner and the steps without a database. */
class InMemoryPushLedger implements PushLedger {

    private final Map<Long, PushEntity> pushes = new HashMap<>();
    private final List<PickEntity> picks = new ArrayList<>();
    private final Map<Long, List<PickEntity>> taken = new HashMap<>();
    final Map<Long, Map<Long, PickState>> outcomes = new HashMap<>();
    private long ids;

    PushEntity push(long train, PushKind kind, Instant at) {
        PushEntity push = new PushEntity(train, kind, "re", at);
        ReflectionTestUtils.setField(push, "id", ++ids);
        pushes.put(push.id(), push);
        return push;
    }

    PickEntity approvedPick(long train, String commit, String requester, Instant at) {
        PickEntity pick = new PickEntity(train, commit, "subject of " + commit, null, "needed", requester, 1, 2, at);
        ReflectionTestUtils.setField(pick, "id", ++ids);
        pick.decide(PickState.APPROVED, "re", null, at);
        picks.add(pick);
        return pick;
    }

    @Override
    public PushEntity push(long pushId) {
        return pushes.get(pushId);
    }

    @Override
    public List<PickEntity> queued(long trainId) {
        return picks.stream().filter(p -> p.trainId() == trainId && p.pushId() == null && p.state().isQueued())
            .toList();
    }

    @Override
    public List<PickEntity> taken(long pushId) {
        return List.copyOf(taken.getOrDefault(pushId, List.of()));
    }

    @Override
    public void take(long pushId, PickEntity pick, int position) {
        taken.computeIfAbsent(pushId, id -> new ArrayList<>()).add(position, pick);
    }

    @Override
    public void outcome(long pushId, PickEntity pick) {
        outcomes.computeIfAbsent(pushId, id -> new HashMap<>()).put(pick.id(), pick.state());
    }
}
