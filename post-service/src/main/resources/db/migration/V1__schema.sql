-- Kept to what PostgreSQL and Spanner's PostgreSQL interface both accept: IDs come from the
-- application (no sequences), no triggers or functions, and keys lead with the owning user
-- (or the post, for a post's comments) so rows spread across splits and a user's rows sit together.

CREATE TABLE users (
    user_id              bigint       NOT NULL PRIMARY KEY,
    username             varchar(30)  NOT NULL,
    email                varchar(320) NOT NULL,
    password_hash        varchar(200) NOT NULL,
    display_name         varchar(100) NOT NULL,
    bio                  varchar(500) NOT NULL,
    avatar_url           varchar(1000),
    is_private           boolean      NOT NULL,
    created_at           timestamptz  NOT NULL,
    erasure_requested_at timestamptz
);
CREATE UNIQUE INDEX users_by_username ON users (username);
CREATE UNIQUE INDEX users_by_email ON users (email);

-- Refresh tokens: single use, rotated; a family is one login's chain of rotations.
CREATE TABLE refresh_tokens (
    user_id     bigint      NOT NULL,
    token_id    bigint      NOT NULL,
    family_id   bigint      NOT NULL,
    secret_hash bytea       NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    PRIMARY KEY (user_id, token_id)
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (user_id, family_id);

-- state: 'following' or 'requested' (private target, awaiting approval).
CREATE TABLE follows (
    follower_id bigint      NOT NULL,
    followee_id bigint      NOT NULL,
    state       varchar(10) NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follows_by_followee ON follows (followee_id, state, created_at, follower_id);
CREATE INDEX follows_by_follower ON follows (follower_id, state, created_at, followee_id);

-- Split counters: a hot counter (a viral post's likes) is spread over shards and summed on read.
CREATE TABLE counter_shards (
    entity_id bigint      NOT NULL,
    name      varchar(20) NOT NULL,
    shard     smallint    NOT NULL,
    value     bigint      NOT NULL,
    PRIMARY KEY (entity_id, name, shard)
);

-- status: 'processing' until every media item is processed, then 'ready'; or 'failed'.
CREATE TABLE posts (
    author_id      bigint      NOT NULL,
    post_id        bigint      NOT NULL,
    caption        text        NOT NULL,
    hashtags       text        NOT NULL,
    status         varchar(12) NOT NULL,
    failure_reason varchar(500),
    location_id    bigint,
    created_at     timestamptz NOT NULL,
    ready_at       timestamptz,
    PRIMARY KEY (author_id, post_id)
);
CREATE UNIQUE INDEX posts_by_id ON posts (post_id);
CREATE INDEX posts_by_status ON posts (status, created_at);

-- status: 'pending' (awaiting upload and processing), 'ready' or 'failed'.
CREATE TABLE media_items (
    author_id      bigint        NOT NULL,
    post_id        bigint        NOT NULL,
    media_id       bigint        NOT NULL,
    position       smallint      NOT NULL,
    mime_type      varchar(40)   NOT NULL,
    size_bytes     bigint        NOT NULL,
    object_key     varchar(300)  NOT NULL,
    status         varchar(12)   NOT NULL,
    media_type     varchar(10),
    width          integer,
    height         integer,
    blurhash       varchar(100),
    duration_ms    bigint,
    variants       text,
    failure_reason varchar(500),
    PRIMARY KEY (author_id, post_id, media_id)
);
CREATE UNIQUE INDEX media_items_by_id ON media_items (media_id);

CREATE TABLE likes (
    user_id    bigint      NOT NULL,
    post_id    bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, post_id)
);

CREATE TABLE saves (
    user_id    bigint      NOT NULL,
    post_id    bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, post_id)
);
CREATE INDEX saves_by_time ON saves (user_id, created_at, post_id);

CREATE TABLE comments (
    post_id    bigint      NOT NULL,
    comment_id bigint      NOT NULL,
    author_id  bigint      NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (post_id, comment_id)
);

-- Events written in the same transaction as the change they announce; relayed at least once.
CREATE TABLE outbox (
    outbox_id   bigint       NOT NULL PRIMARY KEY,
    topic       varchar(100) NOT NULL,
    event_id    varchar(64)  NOT NULL,
    event_type  varchar(100) NOT NULL,
    event_key   varchar(100) NOT NULL,
    occurred_at_ms bigint    NOT NULL,
    payload     bytea        NOT NULL
);
