-- A frozen train takes no push, scheduled or manual, until it is unfrozen; every refusal
-- quotes the reason, so whoever is refused knows why and whom to ask.
ALTER TABLE train_train
    ADD COLUMN frozen_reason VARCHAR(2000),
    ADD COLUMN frozen_by     VARCHAR(64),
    ADD COLUMN frozen_at     TIMESTAMPTZ;

-- An emergency push names its picks and why; it skips the presence wait, and says so for ever.
ALTER TABLE train_push
    ADD COLUMN emergency_reason VARCHAR(2000);
