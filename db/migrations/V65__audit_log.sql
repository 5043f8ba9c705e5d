-- The audit log: every state-changing action by a person or a program, one row each.
-- Rows are only ever inserted: the trigger below refuses UPDATE, DELETE and TRUNCATE, so
-- not even a bug or a hand-typed statement rewrites what happened.
CREATE TABLE train_audit_entry (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ  NOT NULL,
    actor       VARCHAR(100) NOT NULL,
    action      VARCHAR(60)  NOT NULL,
    object_kind VARCHAR(30)  NOT NULL,
    object_id   VARCHAR(200) NOT NULL,
    detail      VARCHAR(500),
    reason      TEXT
);

CREATE INDEX train_audit_entry_actor ON train_audit_entry (actor, id DESC);
CREATE INDEX train_audit_entry_object ON train_audit_entry (object_kind, object_id, id DESC);
CREATE INDEX train_audit_entry_at ON train_audit_entry (at);

CREATE FUNCTION train_audit_entry_refuse_edit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % of train_audit_entry is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER train_audit_entry_no_update_or_delete
    BEFORE UPDATE OR DELETE ON train_audit_entry
    FOR EACH ROW EXECUTE FUNCTION train_audit_entry_refuse_edit();

CREATE TRIGGER train_audit_entry_no_truncate
    BEFORE TRUNCATE ON train_audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION train_audit_entry_refuse_edit();
