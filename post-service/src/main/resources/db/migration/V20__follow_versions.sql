-- Every change of a follower's follow edges takes the next number of this counter (under the
-- follower's row lock, so in commit order): follow.changed carries it as its version.
ALTER TABLE users ADD COLUMN follow_version bigint NOT NULL DEFAULT 0;
