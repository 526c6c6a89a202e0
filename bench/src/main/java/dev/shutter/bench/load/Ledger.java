package dev.shutter.bench.load;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the generator itself was told the system accepted, to hold against what the system shows
 * once recovered: every post accepted (201 and a 2xx upload) and who liked what (200). Follows
 * are on the accounts themselves ({@link Account#followers}).
 */
final class Ledger {

    /** Accepted post ID → its author. */
    final Map<String, Account> posts = new ConcurrentHashMap<>();
    /** Post ID → the accounts whose like of it was answered 200. */
    final Map<String, Set<String>> likers = new ConcurrentHashMap<>();

    void accepted(PhotoPoster.Posted post) {
        posts.put(post.postId(), post.author());
    }

    void liked(String postId, Account liker) {
        likers.computeIfAbsent(postId, id -> ConcurrentHashMap.newKeySet()).add(liker.userId);
    }
}
