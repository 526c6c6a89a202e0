package dev.shutter.post.story;

import dev.shutter.events.CallerContext;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.post.AuthorView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * {@code GET /v1/stories/tray}, in a fixed number of round trips whatever the reader follows: the
 * approved follows (one query), the live story IDs of all of them ({@link LiveStories}, one
 * pipeline), the stories' cards and the reader's seen flags (one pipeline), the authors with live
 * stories (one query). Private accounts are followed only once approved, so their stories reach
 * approved followers only. The reader's own stories first, then accounts with unseen stories, then
 * by newest story.
 */
@ApplicationScoped
public class StoryTray {

    private final Mutiny.SessionFactory sessions;
    private final LiveStories live;
    private final StoryAuthors authors;
    private final StoryMediaViews media;
    private final Redis redis;

    StoryTray(Mutiny.SessionFactory sessions, LiveStories live, StoryAuthors authors, StoryMediaViews media, Redis redis) {
        this.sessions = sessions;
        this.live = live;
        this.authors = authors;
        this.media = media;
        this.redis = redis;
    }

    public Uni<Page<StoryView.TrayEntry>> tray(long readerId) {
        Instant now = Instant.now();
        return followed(readerId)
                .chain(followed -> {
                    List<Long> accounts = new ArrayList<>(followed.size() + 1);
                    accounts.add(readerId);
                    accounts.addAll(followed);
                    return live.liveOf(accounts, now);
                })
                .chain(byAuthor -> {
                    List<Long> storyIds = byAuthor.values().stream().flatMap(List::stream).toList();
                    return Uni.combine().all().unis(live.cards(storyIds), seen(readerId, storyIds),
                                    authors.of(List.copyOf(byAuthor.keySet())))
                            .with((cards, seen, people) -> entries(readerId, byAuthor, cards, seen, people, now));
                })
                .map(Page::last);
    }

    private Uni<List<Long>> followed(long readerId) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT followee_id FROM follows WHERE follower_id = :reader AND state = 'following'""", Long.class)
                .setParameter("reader", readerId)
                .getResultList());
    }

    /** The stories among {@code storyIds} the reader has viewed. */
    private Uni<Set<Long>> seen(long readerId, List<Long> storyIds) {
        if (storyIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Request scores = Request.cmd(Command.ZMSCORE).arg(StoryKeys.seen(readerId));
        storyIds.forEach(scores::arg);
        return CallerContext.resumeOnCaller(redis.send(scores)).map(answer -> {
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < answer.size(); i++) {
                Response score = answer.get(i);
                if (score != null) {
                    seen.add(storyIds.get(i));
                }
            }
            return seen;
        });
    }

    private List<StoryView.TrayEntry> entries(long readerId, Map<Long, List<Long>> byAuthor, Map<Long, StoryCard> cards,
            Set<Long> seen, Map<Long, AuthorView> people, Instant now) {
        List<StoryView.TrayEntry> entries = new ArrayList<>();
        byAuthor.forEach((authorId, storyIds) -> {
            AuthorView author = people.get(authorId);
            if (author == null) {
                return;
            }
            List<StoryView.Item> stories = storyIds.stream()
                    .map(cards::get)
                    .filter(card -> card != null && card.liveAt(now))
                    .sorted(Comparator.comparing(StoryCard::createdAt))
                    .map(card -> new StoryView.Item(card.storyId(), media.of(card), card.createdAt(), card.expiresAt(),
                            seen.contains(card.storyId())))
                    .toList();
            if (!stories.isEmpty()) {
                entries.add(new StoryView.TrayEntry(author, stories));
            }
        });
        entries.sort(Comparator.<StoryView.TrayEntry>comparingInt(entry -> entry.author().userId() == readerId ? 0 : 1)
                .thenComparingInt(entry -> entry.stories().stream().allMatch(StoryView.Item::seen) ? 1 : 0)
                .thenComparing(entry -> entry.stories().getLast().createdAt(), Comparator.reverseOrder()));
        return entries;
    }
}
