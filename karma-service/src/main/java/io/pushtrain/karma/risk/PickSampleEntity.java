package io.pushtrain.karma.risk;

import java.time.Instant;

import io.pushtrain.karma.PickSample;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A recent pick's size and discussion, as the core reported it; written by {@link PickSampleRepository#upsert}. */
@Entity
@Table(name = "karma_pick_sample")
public class PickSampleEntity {

    @Id
    private String pickKey;

    private int lines;

    private int files;

    private int discussion;

    private Instant at;

    protected PickSampleEntity() {
    }

    public PickSample toSample() {
        return new PickSample(pickKey, lines, files, discussion);
    }
}
