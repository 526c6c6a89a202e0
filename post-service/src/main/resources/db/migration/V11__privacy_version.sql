-- Counts an account's privacy changes, so that the public-accounts index the media gate reads
-- (Redis) applies a change, or a rebuild, only over an older state.
ALTER TABLE users ADD COLUMN privacy_version bigint NOT NULL DEFAULT 0;
