-- Notifications (package notification), built from post-service's own events.
--
-- One row of notifications per item of a recipient's list, keyed by (recipient, group_key): the
-- group key names what the item gathers ('like:<postId>:<utc day>', 'follow:<utc day>',
-- 'comment:<commentId>', 'mention:post:<postId>', 'mention:comment:<commentId>',
-- 'follow_request:<follower>', 'follow_accepted:<followee>'), so every handler finds or creates it
-- with INSERT ... ON CONFLICT DO NOTHING and no read. last_activity_at is the newest activity,
-- moved only when it is older than the new one by more than shutter.notifications.activity-resolution,
-- so a post liked thousands of times a minute writes its group row a few times a minute at most.
-- On Spanner, 90-day expiry can also be a row deletion policy:
--   ALTER TABLE notifications ADD ROW DELETION POLICY (OLDER_THAN(last_activity_at, INTERVAL 90 DAY));
CREATE TABLE notifications (
    recipient_id     bigint       NOT NULL,
    group_key        varchar(80)  NOT NULL,
    notification_id  bigint       NOT NULL,
    type             varchar(20)  NOT NULL,
    post_id          bigint,
    comment_id       bigint,
    created_at       timestamptz  NOT NULL,
    last_activity_at timestamptz  NOT NULL,
    PRIMARY KEY (recipient_id, group_key)
);
CREATE UNIQUE INDEX notifications_by_id ON notifications (recipient_id, notification_id);
CREATE INDEX notifications_by_activity ON notifications (recipient_id, last_activity_at, notification_id);
CREATE INDEX notifications_by_post ON notifications (post_id);
CREATE INDEX notifications_by_age ON notifications (last_activity_at);

-- Who is in an item: insert-only, one row per actor, so a replayed event inserts nothing (that is
-- the idempotency) and concurrent likes of one post never touch the same row.
CREATE TABLE notification_actors (
    recipient_id bigint      NOT NULL,
    group_key    varchar(80) NOT NULL,
    actor_id     bigint      NOT NULL,
    acted_at     timestamptz NOT NULL,
    PRIMARY KEY (recipient_id, group_key, actor_id)
);
CREATE INDEX notification_actors_newest ON notification_actors (recipient_id, group_key, acted_at);
CREATE INDEX notification_actors_by_actor ON notification_actors (actor_id, recipient_id, group_key);
CREATE INDEX notification_actors_by_age ON notification_actors (acted_at);

-- actorCount without a hot row: an actor row that goes in or out moves one of 16 shards, summed on read.
CREATE TABLE notification_counts (
    recipient_id bigint      NOT NULL,
    group_key    varchar(80) NOT NULL,
    shard        smallint    NOT NULL,
    value        bigint      NOT NULL,
    PRIMARY KEY (recipient_id, group_key, shard)
);

-- Per recipient, the newest item read: (its last_activity_at, its ID) when it was marked.
CREATE TABLE notification_reads (
    recipient_id bigint      NOT NULL PRIMARY KEY,
    read_at      timestamptz NOT NULL,
    read_id      bigint      NOT NULL
);
