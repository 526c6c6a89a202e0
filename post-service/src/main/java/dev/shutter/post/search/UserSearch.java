package dev.shutter.post.search;

import com.google.gson.JsonArray;
import dev.shutter.post.follow.AccountSummary;
import dev.shutter.post.reactive.Offload;
import dev.shutter.post.search.SearchQueries.Hit;
import dev.shutter.post.text.UserText;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * User search: prefixes of usernames and display-name words, ranked exact username first, then
 * accounts the caller follows, then by follower count. Erased accounts never appear: the index
 * drops them, and the store is asked again for every page (an account erased a second ago is
 * filtered out before the index has caught up).
 */
@ApplicationScoped
public class UserSearch {

    public static final int MAX_QUERY_CODE_POINTS = 64;
    private static final String CURSOR = "us1";

    private final SearchQueries queries;
    private final SearchConfig config;
    private final Mutiny.SessionFactory sessions;

    UserSearch(SearchQueries queries, SearchConfig config, Mutiny.SessionFactory sessions) {
        this.queries = queries;
        this.config = config;
        this.sessions = sessions;
    }

    public Uni<Page<AccountSummary>> search(long viewerId, String rawQuery, PageRequest page) {
        String query = normalized(rawQuery);
        JsonArray after = after(page);
        return sessions.withSession(session -> followed(session, viewerId))
                .chain(followed -> Offload.cpu(() -> queries.users(query, followed, after, page.limit() + 1)))
                .chain(hits -> {
                    List<Hit> shown = hits.subList(0, Math.min(page.limit(), hits.size()));
                    String next = hits.size() > page.limit() ? cursor(shown.getLast()) : null;
                    return sessions.withSession(session -> summaries(session, shown.stream().map(Hit::id).toList()))
                            .map(items -> new Page<>(items, next));
                });
    }

    /** What someone typed, as the index compares it: NFC, trimmed, lower case; 400/422 when it cannot match anything. */
    static String normalized(String raw) {
        String query = raw == null ? "" : UserText.normalize(raw).strip().toLowerCase(Locale.ROOT);
        if (query.startsWith("@")) {
            query = query.substring(1);
        }
        if (query.isEmpty()) {
            throw ProblemException.invalid("q", "must not be empty");
        }
        if (UserText.length(query) > MAX_QUERY_CODE_POINTS) {
            throw ProblemException.invalid("q", "must be at most " + MAX_QUERY_CODE_POINTS + " characters");
        }
        if (query.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw ProblemException.invalid("q", "must contain a letter or a digit");
        }
        return query;
    }

    private Uni<List<Long>> followed(Mutiny.Session session, long viewerId) {
        return session.createNativeQuery("""
                        SELECT followee_id FROM follows WHERE follower_id = :viewer AND state = 'following'
                        ORDER BY created_at DESC LIMIT :limit""", Long.class)
                .setParameter("viewer", viewerId)
                .setParameter("limit", config.followedForRanking())
                .getResultList();
    }

    /** The accounts in order, without any erased since the index saw them. */
    private static Uni<List<AccountSummary>> summaries(Mutiny.Session session, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session.createNativeQuery("""
                        SELECT user_id, username, display_name, avatar_url FROM users
                        WHERE user_id IN (:ids) AND erasure_requested_at IS NULL""", Object[].class)
                .setParameter("ids", ids)
                .getResultList()
                .map(rows -> {
                    Map<Long, AccountSummary> byId = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        long id = ((Number) row[0]).longValue();
                        byId.put(id, new AccountSummary(Long.toString(id), (String) row[1], (String) row[2], (String) row[3]));
                    }
                    return ids.stream().filter(byId::containsKey).map(byId::get).toList();
                });
    }

    private static String cursor(Hit last) {
        JsonArray sort = last.sortValues();
        return PageRequest.encode(CURSOR, Math.round(sort.get(0).getAsDouble()), sort.get(1).getAsLong(), last.id());
    }

    private static JsonArray after(PageRequest page) {
        long[] fields = page.decode(CURSOR, 3);
        if (fields == null) {
            return null;
        }
        JsonArray after = new JsonArray();
        after.add((double) fields[0]);
        after.add(fields[1]);
        after.add(fields[2]);
        return after;
    }
}
