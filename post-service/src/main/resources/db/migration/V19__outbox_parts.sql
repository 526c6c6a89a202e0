-- The outbox in parts (by event key), each owned by one relay at a time through a lease, so an
-- event is published by one instance, and events of one key stay in one part, in commit order:
-- a row is relayed only once every transaction that started before its own has ended (tx below
-- the snapshot's xmin), in transaction order. Spanner has no SKIP LOCKED; leases are plain rows.
ALTER TABLE outbox ADD COLUMN part smallint NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
-- A failing event is set aside (its key's later events wait behind it), retried with backoff, then dead-lettered.
ALTER TABLE outbox ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz;
ALTER TABLE outbox ADD COLUMN last_error varchar(900);
CREATE INDEX outbox_by_part ON outbox (part, tx, outbox_id);
CREATE INDEX outbox_waiting ON outbox (part, event_key) WHERE next_attempt_at IS NOT NULL;

CREATE TABLE outbox_leases (
    part        smallint    NOT NULL PRIMARY KEY,
    owner       varchar(64),
    lease_until timestamptz NOT NULL DEFAULT '-infinity'
);
INSERT INTO outbox_leases (part) SELECT generate_series(0, 15);

-- Relays alive, so that each takes its share of the parts.
CREATE TABLE outbox_relays (
    owner       varchar(64) NOT NULL PRIMARY KEY,
    alive_until timestamptz NOT NULL
);

-- Events that failed every attempt: kept until replayed (POST /internal/outbox/dead-letters/replay).
CREATE TABLE outbox_dead (
    outbox_id      bigint       NOT NULL PRIMARY KEY,
    topic          varchar(100) NOT NULL,
    event_id       varchar(64)  NOT NULL,
    event_type     varchar(100) NOT NULL,
    event_key      varchar(100) NOT NULL,
    occurred_at_ms bigint       NOT NULL,
    payload        bytea        NOT NULL,
    part           smallint     NOT NULL,
    attempts       integer      NOT NULL,
    last_error     varchar(900),
    dead_at        timestamptz  NOT NULL
);
