-- A deployment is recorded whether it succeeded or failed (ctkit deploy): its outcome, and for a
-- failure the step that failed (verify, start, ready, smoke-test, switch) and why. Rows recorded
-- before this migration were only ever successes.
ALTER TABLE deployments ADD COLUMN outcome VARCHAR(16) NOT NULL DEFAULT 'succeeded'
    CHECK (outcome IN ('succeeded', 'failed'));
ALTER TABLE deployments ADD COLUMN failed_step VARCHAR(32);
ALTER TABLE deployments ADD COLUMN message TEXT;

CREATE INDEX deployments_by_target ON deployments (model, target, deployed_at);
