-- Worker identities of running post-service instances: each leases one of the 64 the ID layout
-- has (platform/ids), renews it while it runs and releases it at shutdown, so two instances
-- never make the same ID. Times are the database's, so instances' clocks need not agree.
CREATE TABLE id_workers (
    worker_id  integer      NOT NULL PRIMARY KEY,
    holder     varchar(200) NOT NULL,
    expires_at timestamptz  NOT NULL
);
