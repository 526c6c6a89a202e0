-- A story's first view per viewer, kept after the story (and its Redis viewers) are gone: the
-- durable record that makes a view's interaction event exactly-once, and what the ml-models
-- export learns story views from. post_id is the author's newest ready post at the time, the
-- item the view counts as an interaction with (null: the author had none). Rows go after
-- shutter.stories.views-kept, and with either account's erasure. On Spanner:
--   ALTER TABLE story_views ADD ROW DELETION POLICY (OLDER_THAN(viewed_at, INTERVAL 30 DAY));
CREATE TABLE story_views (
    viewer_id bigint      NOT NULL,
    story_id  bigint      NOT NULL,
    author_id bigint      NOT NULL,
    post_id   bigint,
    viewed_at timestamptz NOT NULL,
    PRIMARY KEY (viewer_id, story_id)
);
CREATE INDEX story_views_by_author ON story_views (author_id);
CREATE INDEX story_views_by_time ON story_views (viewed_at);
