-- Stories: one media item each, live from creation until expires_at (creation + shutter.stories.ttl).
-- Never served after expires_at (checked at read time); story.expired is written once the sweeper
-- passes it (expired_at), and the row goes shutter.stories.media-grace later. On Spanner the row
-- part is a row deletion policy on expires_at instead:
--   ALTER TABLE stories ADD ROW DELETION POLICY (OLDER_THAN(expires_at, INTERVAL 2 DAY));
-- status: 'processing' until the media worker's verdict, then 'ready' or 'failed'.
CREATE TABLE stories (
    author_id      bigint       NOT NULL,
    story_id       bigint       NOT NULL,
    media_id       bigint       NOT NULL,
    mime_type      varchar(40)  NOT NULL,
    size_bytes     bigint       NOT NULL,
    object_key     varchar(300) NOT NULL,
    status         varchar(12)  NOT NULL,
    media_type     varchar(10),
    width          integer,
    height         integer,
    blurhash       varchar(100),
    duration_ms    bigint,
    variants       text,
    failure_reason varchar(500),
    created_at     timestamptz  NOT NULL,
    expires_at     timestamptz  NOT NULL,
    expired_at     timestamptz,
    PRIMARY KEY (author_id, story_id)
);
CREATE UNIQUE INDEX stories_by_id ON stories (story_id);
CREATE INDEX stories_by_expiry ON stories (expires_at);
