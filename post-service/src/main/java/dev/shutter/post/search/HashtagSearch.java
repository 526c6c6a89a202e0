package dev.shutter.post.search;

import com.google.gson.JsonArray;
import dev.shutter.post.post.Caption;
import dev.shutter.post.post.view.PostViews;
import dev.shutter.post.reactive.Offload;
import dev.shutter.post.search.SearchQueries.Hit;
import dev.shutter.post.search.SearchQueries.PostOrder;
import dev.shutter.post.search.SearchQueries.TagCount;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.post.PostView;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Hashtag pages and tag suggestions. The engine finds the IDs; the store has the last word
 * ({@link PostViews#hydratePublic}): only posts that are ready, of a public and active account, are shown (a private account's posts
 * never appear, for anyone, even while the index is a second behind). Page 1 of a hot tag comes
 * from {@link HotTagPages}.
 */
@ApplicationScoped
public class HashtagSearch {

    private static final String RECENT_CURSOR = "hr1";
    private static final String TOP_CURSOR = "ht1";

    private final SearchQueries queries;
    private final HotTagPages hotPages;
    private final PostViews views;
    private final Mutiny.SessionFactory sessions;

    HashtagSearch(SearchQueries queries, HotTagPages hotPages, PostViews views, Mutiny.SessionFactory sessions) {
        this.queries = queries;
        this.hotPages = hotPages;
        this.views = views;
        this.sessions = sessions;
    }

    public Uni<Page<PostView>> posts(long viewerId, String rawTag, String rawSort, PageRequest page) {
        String tag = Caption.tag(rawTag);
        if (tag == null) {
            throw ProblemException.invalid("tag", "must be 1 to " + Caption.MAX_TAG_CODE_POINTS
                    + " letters, digits or underscores, optionally after a #");
        }
        PostOrder order = order(rawSort);
        JsonArray after = after(order, page);
        Uni<HotTagPages.IdPage> ids = after == null
                ? hotPages.firstPage(tag, order, page.limit(), () -> search(tag, order, null, page.limit()))
                : search(tag, order, after, page.limit());
        return ids.chain(idPage -> sessions.withSession(session -> views.hydratePublic(session, viewerId, idPage.ids())
                .map(items -> new Page<>(items, idPage.nextCursor()))));
    }

    public Uni<Page<TagCount>> suggestions(String rawQuery, PageRequest page) {
        String prefix = Caption.tagPrefix(rawQuery);
        if (prefix == null) {
            throw ProblemException.invalid("q", "must be the start of a tag: 1 to " + Caption.MAX_TAG_CODE_POINTS
                    + " letters, digits or underscores, optionally after a #");
        }
        if (page.cursor() != null) {
            throw ProblemException.badRequest("Suggestions are one page: no cursor.");
        }
        return Offload.cpu(() -> queries.tagsStartingWith(prefix, page.limit())).map(Page::last);
    }

    private Uni<HotTagPages.IdPage> search(String tag, PostOrder order, JsonArray after, int limit) {
        return Offload.cpu(() -> {
            List<Hit> hits = queries.postsTagged(tag, order, after, limit + 1);
            List<Hit> shown = hits.subList(0, Math.min(limit, hits.size()));
            String next = hits.size() > limit ? cursor(order, shown.getLast()) : null;
            return new HotTagPages.IdPage(shown.stream().map(Hit::id).toList(), next);
        });
    }

    private static PostOrder order(String raw) {
        if (raw == null || raw.isBlank()) {
            return PostOrder.RECENT;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "recent" -> PostOrder.RECENT;
            case "top" -> PostOrder.TOP;
            default -> throw ProblemException.invalid("sort", "must be recent or top");
        };
    }

    private static String cursor(PostOrder order, Hit last) {
        long first = order == PostOrder.RECENT
                ? last.sortValues().get(0).getAsLong()
                : Double.doubleToLongBits(last.sortValues().get(0).getAsDouble());
        return PageRequest.encode(order == PostOrder.RECENT ? RECENT_CURSOR : TOP_CURSOR, first, last.id());
    }

    private static JsonArray after(PostOrder order, PageRequest page) {
        long[] fields = page.decode(order == PostOrder.RECENT ? RECENT_CURSOR : TOP_CURSOR, 2);
        if (fields == null) {
            return null;
        }
        JsonArray after = new JsonArray();
        if (order == PostOrder.RECENT) {
            after.add(fields[0]);
        } else {
            double score = Double.longBitsToDouble(fields[0]);
            if (!Double.isFinite(score)) {
                throw ProblemException.badRequest("cursor is not a cursor this list gave out.");
            }
            after.add(score);
        }
        after.add(fields[1]);
        return after;
    }
}
