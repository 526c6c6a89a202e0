-- Fan-out streams a celebrity-sized follower set in follower_id order, a page at a time: this
-- index serves each page by a range scan instead of sorting the whole set.
CREATE INDEX follows_fanout ON follows (followee_id, state, follower_id);
