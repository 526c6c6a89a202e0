package dev.shutter.post.story;

import dev.shutter.events.CallerContext;
import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.post.AuthorView;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/stories/{storyId}/viewers}: the owner's only (404 for anyone else), until {@code
 * viewers-grace} after expiry. Newest first; the cursor is the last viewer's (viewedAt, userId),
 * so viewers arriving meanwhile never shift a page. Redis orders equal times by member, which
 * the cursor follows.
 */
@ApplicationScoped
public class StoryViewers {

    private static final String CURSOR = "viewers";
    /** Viewers read beyond a page, to skip those at the cursor's own millisecond. */
    private static final int TIES = 64;

    private final StoryRows rows;
    private final StoryAuthors authors;
    private final Redis redis;
    private final StoriesConfig config;

    StoryViewers(StoryRows rows, StoryAuthors authors, Redis redis, StoriesConfig config) {
        this.rows = rows;
        this.authors = authors;
        this.redis = redis;
        this.config = config;
    }

    public Uni<StoryView.Viewers> viewers(long ownerId, long storyId, PageRequest page) {
        long[] cursor = page.decode(CURSOR, 2);
        return rows.find(storyId).chain(story -> {
            if (story == null || story.authorId != ownerId || !Story.READY.equals(story.status)
                    || !Instant.now().isBefore(story.expiresAt.plus(config.viewersGrace()))) {
                throw ProblemException.notFound(StoryLookup.NOT_FOUND);
            }
            String max = cursor == null ? "+inf" : Long.toString(cursor[0]);
            // ZREVRANGEBYSCORE: newest first; equal scores in descending member order.
            Request range = Request.cmd(Command.ZREVRANGEBYSCORE).arg(StoryKeys.viewers(storyId)).arg(max).arg("-inf")
                    .arg("WITHSCORES").arg("LIMIT").arg(0).arg(page.limit() + 1 + (cursor == null ? 0 : TIES));
            return CallerContext.resumeOnCaller(redis.batch(List.of(range,
                            Request.cmd(Command.ZCARD).arg(StoryKeys.viewers(storyId)),
                            Request.cmd(Command.PFCOUNT).arg(StoryKeys.viewerCount(storyId)),
                            Request.cmd(Command.EXISTS).arg(StoryKeys.trimmed(storyId)))))
                    .chain(answers -> page(answers, cursor, page.limit()));
        });
    }

    private record Entry(long userId, long viewedAt) {}

    private Uni<StoryView.Viewers> page(List<Response> answers, long[] cursor, int limit) {
        long exact = answers.get(1).toLong();
        boolean trimmed = answers.get(3).toInteger() == 1;
        long count = trimmed ? Math.max(exact, answers.get(2).toLong()) : exact;
        List<Entry> entries = new ArrayList<>();
        Response range = answers.get(0);
        for (Entry entry : entries(range)) {
            if (cursor == null || entry.viewedAt() < cursor[0] || afterInTie(entry, cursor)) {
                entries.add(entry);
            }
        }
        boolean more = entries.size() > limit;
        List<Entry> shown = entries.subList(0, Math.min(limit, entries.size()));
        String next = more ? PageRequest.encode(CURSOR, shown.getLast().viewedAt(), shown.getLast().userId()) : null;
        return authors.of(shown.stream().map(Entry::userId).toList()).map(people -> {
            List<StoryView.Viewer> items = new ArrayList<>();
            for (Entry entry : shown) {
                AuthorView person = people.get(entry.userId());
                if (person != null) {
                    items.add(new StoryView.Viewer(entry.userId(), person.username(), Instant.ofEpochMilli(entry.viewedAt())));
                }
            }
            return new StoryView.Viewers(count, items, next);
        });
    }

    /** WITHSCORES answers: [member, score] pairs in RESP3, a flat member, score, ... list in RESP2. */
    private static List<Entry> entries(Response range) {
        List<Entry> entries = new ArrayList<>();
        boolean pairs = range.size() > 0 && range.get(0).type() == io.vertx.redis.client.ResponseType.MULTI;
        int step = pairs ? 1 : 2;
        for (int i = 0; i + step - 1 < range.size(); i += step) {
            Response member = pairs ? range.get(i).get(0) : range.get(i);
            Response score = pairs ? range.get(i).get(1) : range.get(i + 1);
            entries.add(new Entry(member.toLong(), (long) Double.parseDouble(score.toString())));
        }
        return entries;
    }

    /** At the cursor's millisecond, members come in descending string order: those after the cursor's. */
    private static boolean afterInTie(Entry entry, long[] cursor) {
        return entry.viewedAt() == cursor[0] && Long.toString(entry.userId()).compareTo(Long.toString(cursor[1])) < 0;
    }
}
