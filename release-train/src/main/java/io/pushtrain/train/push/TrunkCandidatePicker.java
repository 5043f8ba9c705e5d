package io.pushtrain.train.push;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.pushtrain.train.trunk.BatchResult;
import io.pushtrain.train.trunk.CherryPicker;
import io.pushtrain.train.trunk.Pick;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.springframework.stereotype.Component;

/** Picks in the trunk mirror, committed by the train. */
@Component
class TrunkCandidatePicker implements CandidatePicker {

    private final TrunkMirror trunk;

    TrunkCandidatePicker(TrunkMirror trunk) {
        this.trunk = trunk;
    }

    @Override
    public BatchResult pick(ObjectId base, List<Pick> picks, Instant at) {
        PersonIdent committer = new PersonIdent(CherryPicker.TRAIN_NAME, CherryPicker.TRAIN_EMAIL, at, ZoneOffset.UTC);
        return new CherryPicker(trunk.repository(), () -> committer).compute(base, picks);
    }
}
