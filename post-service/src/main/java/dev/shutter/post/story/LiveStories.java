package dev.shutter.post.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.CallerContext;
import dev.shutter.redis.RedisScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The tray's index of live stories in Redis, kept by {@code story.published} and {@code
 * story.expired} ({@link StoryEvents}): per author a sorted set of live story IDs scored by
 * expiry, and per story its {@link StoryCard}, which expires with the story. Reads filter by
 * expiry themselves, so an entry the sweeper has not removed yet is never served.
 */
@ApplicationScoped
public class LiveStories {

    private static final Logger LOG = Logger.getLogger(LiveStories.class);

    /** Adds a story; drops expired ones; the set lives as long as its last story. KEYS[1] live, ARGV expiry, id, now. */
    private static final RedisScript ADD = new RedisScript("""
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
            local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
            if last[2] then
              redis.call('PEXPIREAT', KEYS[1], last[2])
            end
            return 1
            """);

    private final Redis redis;
    private final ObjectMapper json;

    LiveStories(Redis redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public Uni<Void> add(StoryCard card) {
        long expiry = card.expiresAt().toEpochMilli();
        if (expiry <= System.currentTimeMillis()) {
            return Uni.createFrom().voidItem();
        }
        Request cardWrite = Request.cmd(Command.SET).arg(StoryKeys.card(card.storyId())).arg(encode(card)).arg("PXAT").arg(expiry);
        Request index = ADD.call(StoryKeys.live(card.authorId()), expiry, card.storyId(), System.currentTimeMillis());
        // The card first: an ID in the set without its card would be skipped until the card arrives.
        return CallerContext.resumeOnCaller(RedisScript.pipeline(redis, List.of(cardWrite, index), ADD)).replaceWithVoid();
    }

    public Uni<Void> remove(long authorId, long storyId) {
        return CallerContext.resumeOnCaller(redis.batch(List.of(
                Request.cmd(Command.ZREM).arg(StoryKeys.live(authorId)).arg(storyId),
                Request.cmd(Command.DEL).arg(StoryKeys.card(storyId))))).replaceWithVoid();
    }

    /** Every live story of an author's (an erasure): the set and the cards. */
    public Uni<Long> removeAuthor(long authorId) {
        return CallerContext.resumeOnCaller(redis.send(Request.cmd(Command.ZRANGE).arg(StoryKeys.live(authorId)).arg(0).arg(-1))
                .chain(ids -> {
                    List<Request> deletes = new ArrayList<>();
                    deletes.add(Request.cmd(Command.DEL).arg(StoryKeys.live(authorId)));
                    ids.forEach(id -> deletes.add(Request.cmd(Command.DEL).arg(StoryKeys.card(id.toLong()))));
                    return redis.batch(deletes).replaceWith((long) ids.size());
                }));
    }

    /** The live story IDs of each author (oldest first), in one round trip; authors without any are left out. */
    public Uni<Map<Long, List<Long>>> liveOf(List<Long> authorIds, Instant now) {
        if (authorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String after = "(" + now.toEpochMilli();
        List<Request> reads = authorIds.stream()
                .map(author -> Request.cmd(Command.ZRANGEBYSCORE).arg(StoryKeys.live(author)).arg(after).arg("+inf"))
                .toList();
        return CallerContext.resumeOnCaller(redis.batch(reads)).map(answers -> {
            Map<Long, List<Long>> live = new HashMap<>();
            for (int i = 0; i < answers.size(); i++) {
                Response ids = answers.get(i);
                if (ids != null && ids.size() > 0) {
                    List<Long> stories = new ArrayList<>(ids.size());
                    ids.forEach(id -> stories.add(id.toLong()));
                    live.put(authorIds.get(i), stories);
                }
            }
            return live;
        });
    }

    /** The cards of the stories that still have one (live ones), in one round trip. */
    public Uni<Map<Long, StoryCard>> cards(List<Long> storyIds) {
        if (storyIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Request> reads = storyIds.stream().map(id -> Request.cmd(Command.GET).arg(StoryKeys.card(id))).toList();
        return CallerContext.resumeOnCaller(redis.batch(reads)).map(answers -> {
            Map<Long, StoryCard> cards = new HashMap<>();
            for (int i = 0; i < answers.size(); i++) {
                StoryCard card = decode(answers.get(i));
                if (card != null) {
                    cards.put(storyIds.get(i), card);
                }
            }
            return cards;
        });
    }

    public Uni<StoryCard> card(long storyId) {
        return CallerContext.resumeOnCaller(redis.send(Request.cmd(Command.GET).arg(StoryKeys.card(storyId)))).map(this::decode);
    }

    private String encode(StoryCard card) {
        try {
            return json.writeValueAsString(card);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a story card always serialises", e);
        }
    }

    private StoryCard decode(Response answer) {
        if (answer == null) {
            return null;
        }
        try {
            return json.readValue(answer.toString(), StoryCard.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("A story card in Redis is not readable (%s); treated as missing", e.getOriginalMessage());
            return null;
        }
    }
}
