package io.pushtrain.karma;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.pushtrain.karma.risk.PickSampleEntity;
import io.pushtrain.karma.risk.PickSampleRepository;
import io.pushtrain.karma.risk.RiskModel;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A pick's risk: its size and discussion placed against the picks of the last
 * {@code pushtrain.karma.risk.max-age} (at most {@code window} of them), which the core reports
 * with {@link #record}.
 */
@Service
@Transactional
public class RiskAssessor {

    private final PickSampleRepository samples;
    private final KarmaProperties.RiskRules rules;
    private final RiskModel model;

    RiskAssessor(PickSampleRepository samples, KarmaProperties properties) {
        this.samples = samples;
        this.rules = properties.risk();
        this.model = new RiskModel(properties.risk());
    }

    /** The pick's risk against recent picks other than itself; records nothing. */
    @Transactional(readOnly = true)
    public Risk assess(PickSample pick) {
        return model.assess(pick, recent(pick.pickKey()));
    }

    /** Keeps the pick as one of the recent picks, now; a pick recorded again replaces its sample. */
    public void record(PickSample pick) {
        record(pick, Instant.now());
    }

    /** Keeps the pick as requested at the given moment, for back-filling history from old picks. */
    public void record(PickSample pick, Instant at) {
        if (pick.pickKey() == null) {
            throw new KarmaException.Invalid("A pick needs its key to be recorded.");
        }
        samples.upsert(pick.pickKey(), pick.lines(), pick.files(), pick.discussion(), at.truncatedTo(ChronoUnit.MICROS));
    }

    /** What a new pick request does: its risk against the picks before it, then it joins them. */
    public Risk assessAndRecord(PickSample pick) {
        Risk risk = assess(pick);
        record(pick);
        return risk;
    }

    private List<PickSample> recent(String exceptKey) {
        Instant since = Instant.now().minus(rules.maxAge());
        return samples.findByAtAfterOrderByAtDesc(since, PageRequest.of(0, rules.window() + 1)).stream()
            .map(PickSampleEntity::toSample)
            .filter(sample -> !sample.pickKey().equals(exceptKey))
            .limit(rules.window())
            .toList();
    }
}
