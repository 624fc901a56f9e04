-- What started each run, recorded in its lineage: manual, code, data, model-decay or schedule.
-- (Not named "trigger": that is a keyword in both dialects.)
ALTER TABLE runs ADD COLUMN run_trigger VARCHAR(32) NOT NULL DEFAULT 'manual';

-- Requests to retrain a model. The cooldown and the deduplication of triggers are decided on
-- these rows in one transaction, so a flapping monitor, or several, start one retrain.
CREATE TABLE retrain_requests (
    id           VARCHAR(64) PRIMARY KEY,
    model        VARCHAR(128) NOT NULL REFERENCES models (name),
    run_trigger  VARCHAR(32) NOT NULL,
    via          VARCHAR(32) NOT NULL,
    status       VARCHAR(16) NOT NULL
                 CHECK (status IN ('pending', 'running', 'submitted', 'succeeded', 'failed')),
    reason       TEXT,
    reference    TEXT,
    requested_at BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

CREATE INDEX retrain_requests_by_model ON retrain_requests (model, requested_at);
