package io.pushtrain.train.push;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.pushtrain.train.PickState;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.pick.PickRepository;

import org.springframework.stereotype.Component;

/** The ledger in the database: {@code train_pick} and {@code train_push_pick}. */
@Component
class JpaPushLedger implements PushLedger {

    private final PushRepository pushes;
    private final PushPickRepository pushPicks;
    private final PickRepository picks;

    JpaPushLedger(PushRepository pushes, PushPickRepository pushPicks, PickRepository picks) {
        this.pushes = pushes;
        this.pushPicks = pushPicks;
        this.picks = picks;
    }

    @Override
    public PushEntity push(long pushId) {
        return pushes.findById(pushId).orElseThrow();
    }

    @Override
    public PushEntity lockedPush(long pushId) {
        return pushes.findByIdForUpdate(pushId).orElseThrow();
    }

    @Override
    public List<PickEntity> queued(long trainId) {
        return picks.findByTrainIdAndStateInAndPushIdIsNullOrderByIdAsc(trainId,
                EnumSet.of(PickState.APPROVED, PickState.CONFIRMED, PickState.DEFERRED));
    }

    @Override
    public List<PickEntity> taken(long pushId) {
        List<PushPickEntity> rows = pushPicks.findByPushIdOrderByPositionAsc(pushId);
        Map<Long, PickEntity> byId = picks.findAllById(rows.stream().map(PushPickEntity::pickId).toList()).stream()
            .collect(Collectors.toMap(PickEntity::id, Function.identity()));
        return rows.stream().map(row -> byId.get(row.pickId())).toList();
    }

    @Override
    public void take(long pushId, PickEntity pick, int position) {
        pushPicks.save(new PushPickEntity(pushId, pick.id(), position));
    }

    @Override
    public void outcome(long pushId, PickEntity pick) {
        pushPicks.findById(new PushPickEntity.Key(pushId, pick.id())).ifPresent(row -> row.outcome(pick.state()));
    }
}
