package dev.shutter.feed.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How timelines are written, read and ranked. The celebrity threshold is shared with post-service
 * ({@code shutter.celebrities.threshold}, platform/wiring's {@code CelebrityConfig}); the post
 * cache is the post client's ({@code shutter.post-service.cache.*}).
 */
@ConfigMapping(prefix = "shutter.feed")
public interface FeedConfig {

    /** Posts kept in each timeline. */
    @WithDefault("500")
    int timelineSize();

    /** Timeline posts merged with the celebrity pull, ranked and frozen for paging. */
    @WithDefault("300")
    int readSize();

    /** A timeline unread this long expires; fan-out skips it and the next read rebuilds it. */
    @WithDefault("7d")
    Duration inactiveAfter();

    /** Followers per gRPC page when a follower list is streamed, and per Redis pipeline during fan-out. */
    @WithDefault("1000")
    int fanoutPageSize();

    /** Posts per followed account when a timeline is rebuilt or a follow merged. */
    @WithDefault("20")
    int postsPerAuthor();

    /** How far back the celebrity pull and rebuilds look. */
    @WithDefault("14d")
    Duration lookback();

    /** How long a reader's list of followed celebrities is trusted before it is read again. */
    @WithDefault("1h")
    Duration celebrityListTtl();

    /**
     * How long an author's follower list is kept in Redis after its last use (each fan-out
     * refreshes it); follows and unfollows keep it current meanwhile.
     */
    @WithDefault("2d")
    Duration followerListTtl();

    Ranking ranking();

    Snapshot snapshot();

    /** Timeouts of Redis calls on the read path; past them the feed serves the degraded path. */
    @WithDefault("1s")
    Duration redisTimeout();

    interface Ranking {
        @WithDefault("0.6")
        double engagementWeight();

        @WithDefault("0.4")
        double recencyWeight();

        /** Recency halves every this long: 1 for a post made now, 0.5 one half-life ago. */
        @WithDefault("12h")
        Duration halfLife();
    }

    interface Snapshot {
        /** How long a ranked feed stays frozen for paging with its cursor. */
        @WithDefault("10m")
        Duration ttl();
    }

}
