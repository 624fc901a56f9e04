-- One schema for SQLite and PostgreSQL: portable types only (TEXT, VARCHAR, INTEGER, BIGINT,
-- DOUBLE PRECISION), booleans as 0/1, times as epoch milliseconds, no generated keys.

CREATE TABLE models (
    name         VARCHAR(128) PRIMARY KEY,
    description  TEXT,
    created_at   BIGINT NOT NULL,
    -- The last version number handed out; incremented in the registering transaction, so
    -- numbers are assigned atomically and never reused.
    last_version INTEGER NOT NULL
);

CREATE TABLE model_tags (
    model     VARCHAR(128) NOT NULL REFERENCES models (name),
    tag_key   VARCHAR(128) NOT NULL,
    tag_value TEXT NOT NULL,
    PRIMARY KEY (model, tag_key)
);

-- Runs of a pipeline (ML Metadata: a context), their steps (executions), the artifacts they
-- read and wrote and the events linking them.
CREATE TABLE runs (
    id               VARCHAR(128) PRIMARY KEY,
    pipeline         VARCHAR(256),
    pipeline_version VARCHAR(256),
    code_version     VARCHAR(256),
    status           VARCHAR(32) NOT NULL,
    started_at       BIGINT NOT NULL,
    ended_at         BIGINT,
    actor            VARCHAR(256),
    parameters       TEXT NOT NULL,
    hyperparameters  TEXT NOT NULL
);

CREATE TABLE run_steps (
    run_id     VARCHAR(128) NOT NULL REFERENCES runs (id),
    name       VARCHAR(128) NOT NULL,
    status     VARCHAR(32) NOT NULL,
    started_at BIGINT,
    ended_at   BIGINT,
    details    TEXT,
    PRIMARY KEY (run_id, name)
);

CREATE TABLE artifacts (
    id         VARCHAR(64) PRIMARY KEY,
    kind       VARCHAR(32) NOT NULL,
    location   TEXT,
    digest     VARCHAR(80),
    properties TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE events (
    run_id      VARCHAR(128) NOT NULL REFERENCES runs (id),
    step        VARCHAR(128) NOT NULL,
    artifact_id VARCHAR(64) NOT NULL REFERENCES artifacts (id),
    direction   VARCHAR(8) NOT NULL CHECK (direction IN ('input', 'output')),
    role        VARCHAR(128) NOT NULL,
    PRIMARY KEY (run_id, step, artifact_id, direction)
);

CREATE TABLE versions (
    model         VARCHAR(128) NOT NULL REFERENCES models (name),
    version       INTEGER NOT NULL,
    bundle_digest VARCHAR(80) NOT NULL,
    run_id        VARCHAR(128) REFERENCES runs (id),
    description   TEXT,
    created_at    BIGINT NOT NULL,
    created_by    VARCHAR(256),
    PRIMARY KEY (model, version)
);

-- The files of a version's bundle, each a blob; MANIFEST.json's blob digest is the bundle digest.
CREATE TABLE version_files (
    model   VARCHAR(128) NOT NULL,
    version INTEGER NOT NULL,
    path    VARCHAR(1024) NOT NULL,
    sha256  CHAR(64) NOT NULL,
    size    BIGINT NOT NULL,
    PRIMARY KEY (model, version, path),
    FOREIGN KEY (model, version) REFERENCES versions (model, version)
);

CREATE TABLE version_tags (
    model     VARCHAR(128) NOT NULL,
    version   INTEGER NOT NULL,
    tag_key   VARCHAR(128) NOT NULL,
    tag_value TEXT NOT NULL,
    PRIMARY KEY (model, version, tag_key),
    FOREIGN KEY (model, version) REFERENCES versions (model, version)
);

CREATE TABLE version_metrics (
    model   VARCHAR(128) NOT NULL,
    version INTEGER NOT NULL,
    metric  VARCHAR(128) NOT NULL,
    value   DOUBLE PRECISION,
    ci_low  DOUBLE PRECISION,
    ci_high DOUBLE PRECISION,
    PRIMARY KEY (model, version, metric),
    FOREIGN KEY (model, version) REFERENCES versions (model, version)
);

-- Evidence files kept with a version: metrics reports, gate verdicts, test summaries, others.
CREATE TABLE version_reports (
    model       VARCHAR(128) NOT NULL,
    version     INTEGER NOT NULL,
    name        VARCHAR(256) NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    sha256      CHAR(64) NOT NULL,
    size        BIGINT NOT NULL,
    summary     TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (model, version, name),
    FOREIGN KEY (model, version) REFERENCES versions (model, version)
);

CREATE TABLE gate_verdicts (
    model       VARCHAR(128) NOT NULL,
    version     INTEGER NOT NULL,
    sha256      CHAR(64) NOT NULL,
    passed      INTEGER NOT NULL CHECK (passed IN (0, 1)),
    first_run   INTEGER NOT NULL CHECK (first_run IN (0, 1)),
    run_id      VARCHAR(128),
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (model, version, sha256),
    FOREIGN KEY (model, version) REFERENCES versions (model, version)
);

CREATE TABLE aliases (
    model      VARCHAR(128) NOT NULL REFERENCES models (name),
    alias      VARCHAR(128) NOT NULL,
    version    INTEGER NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (model, alias),
    FOREIGN KEY (model, version) REFERENCES versions (model, version)
);

CREATE TABLE alias_moves (
    model        VARCHAR(128) NOT NULL REFERENCES models (name),
    alias        VARCHAR(128) NOT NULL,
    seq          INTEGER NOT NULL,
    kind         VARCHAR(16) NOT NULL CHECK (kind IN ('promote', 'rollback')),
    from_version INTEGER,
    to_version   INTEGER NOT NULL,
    actor        VARCHAR(256) NOT NULL,
    reason       TEXT,
    forced       INTEGER NOT NULL CHECK (forced IN (0, 1)),
    moved_at     BIGINT NOT NULL,
    PRIMARY KEY (model, alias, seq)
);

CREATE TABLE images (
    model       VARCHAR(128) NOT NULL,
    version     INTEGER NOT NULL,
    reference   VARCHAR(1024) NOT NULL,
    digest      VARCHAR(80) NOT NULL,
    run_id      VARCHAR(128),
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (model, version, digest),
    FOREIGN KEY (model, version) REFERENCES versions (model, version)
);

CREATE TABLE deployments (
    id           VARCHAR(64) PRIMARY KEY,
    model        VARCHAR(128) NOT NULL,
    version      INTEGER NOT NULL,
    target       VARCHAR(1024) NOT NULL,
    image_digest VARCHAR(80),
    run_id       VARCHAR(128),
    actor        VARCHAR(256) NOT NULL,
    deployed_at  BIGINT NOT NULL,
    FOREIGN KEY (model, version) REFERENCES versions (model, version)
);

CREATE INDEX versions_by_run ON versions (run_id);
CREATE INDEX events_by_artifact ON events (artifact_id);
CREATE INDEX deployments_by_version ON deployments (model, version);
