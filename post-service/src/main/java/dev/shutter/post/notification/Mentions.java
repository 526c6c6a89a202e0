package dev.shutter.post.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * {@code @username} mentions in a caption or comment. A mention is {@code @} not preceded by a
 * username character (so an e-mail address mentions nobody), then a username as accounts have
 * them ({@code [a-z0-9._]{1,30}}, matched case-insensitively), trailing dots left out (the end of
 * a sentence). At most {@link #MAX_PER_TEXT} distinct names per text count; a name of no active
 * account is nothing, and so is anyone who may not see the post.
 */
@ApplicationScoped
class Mentions {

    static final int MAX_PER_TEXT = 10;

    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9._@])@([A-Za-z0-9._]{1,30})(?![A-Za-z0-9_])");

    /** The distinct names mentioned, lower case, in order of first mention, at most {@link #MAX_PER_TEXT}. */
    static List<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text == null) {
            return List.of();
        }
        Matcher matcher = MENTION.matcher(text);
        while (matcher.find() && names.size() < MAX_PER_TEXT) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            while (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /**
     * The active accounts mentioned in {@code text} that may see a post of {@code authorId} (all,
     * for a public author; approved followers and the author, for a private one), other than
     * {@code excluded} (the writer, who is never notified of their own text). One query.
     */
    Uni<List<Long>> recipients(Mutiny.Session session, String text, long authorId, Set<Long> excluded) {
        List<String> names = names(text);
        if (names.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session.createNativeQuery("""
                        SELECT u.user_id FROM users u, users a
                        WHERE u.username IN (:names) AND u.erasure_requested_at IS NULL
                          AND a.user_id = :author AND a.erasure_requested_at IS NULL
                          AND (NOT a.is_private OR u.user_id = a.user_id OR EXISTS (SELECT 1 FROM follows f
                               WHERE f.follower_id = u.user_id AND f.followee_id = a.user_id AND f.state = 'following'))""",
                        Long.class)
                .setParameter("names", names)
                .setParameter("author", authorId)
                .getResultList()
                .map(ids -> ids.stream().filter(id -> !excluded.contains(id)).toList());
    }
}
