-- The erasure ledger: one row per store that holds an account's data, from the request until the
-- store reported it removed everything. It is the record of the erasure (when each store
-- finished, how much it removed) and the work list that resumes it after a crash.
CREATE TABLE erasures (
    user_id      bigint      NOT NULL,
    store        varchar(40) NOT NULL,
    requested_at timestamptz NOT NULL,
    finished_at  timestamptz,
    removed      bigint,
    PRIMARY KEY (user_id, store)
);
CREATE INDEX erasures_pending ON erasures (finished_at, requested_at);

-- Erasure finds an account's comments on others' posts, and others' likes and saves of its posts.
CREATE INDEX comments_by_author ON comments (author_id);
CREATE INDEX likes_by_post ON likes (post_id);
CREATE INDEX saves_by_post ON saves (post_id);

-- The token a refresh issued: lets a retried refresh (the answer was lost) get the same pair back.
ALTER TABLE refresh_tokens ADD COLUMN successor_id bigint;
