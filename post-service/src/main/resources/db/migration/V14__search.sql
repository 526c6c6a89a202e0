-- What the search index must catch up with: one row per document to rebuild from the relational
-- store (state, not deltas, so replayed or reordered events cannot resurrect anything). A repeated
-- change bumps the version, so a drain that read the older version leaves the row for the next one.
CREATE TABLE search_queue (
    kind        varchar(10) NOT NULL,
    entity_id   bigint      NOT NULL,
    version     bigint      NOT NULL,
    enqueued_at timestamptz NOT NULL,
    PRIMARY KEY (kind, entity_id)
);
CREATE INDEX search_queue_by_age ON search_queue (enqueued_at);

-- Index rebuilds (new indexes, then the aliases swapped): one row each, with their progress.
-- While one is running the drain of search_queue waits, so what changed meanwhile lands after it.
CREATE TABLE search_rebuilds (
    rebuild_id  bigint       NOT NULL PRIMARY KEY,
    started_at  timestamptz  NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    finished_at timestamptz,
    indexed     bigint       NOT NULL,
    total       bigint       NOT NULL,
    failure     varchar(500)
);
