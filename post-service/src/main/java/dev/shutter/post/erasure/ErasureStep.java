package dev.shutter.post.erasure;

import io.smallrye.mutiny.Uni;
import java.util.Set;

/**
 * One store of post-service that holds an account's data, erasing it. A store joins erasure by
 * implementing this (one bean, one ledger row named {@link #store()}); stores of other services
 * join with a name in {@code shutter.erasure.remote-stores} and an {@code erasure.finished} event.
 * Steps run after the request, again after a crash, and possibly twice at once on two instances:
 * each must be idempotent, and what it corrects (counters) exactly once.
 */
public interface ErasureStep {

    /** The store's name in the ledger. */
    String store();

    /** Stores that must have finished first (they still need this one's data to find theirs). */
    default Set<String> after() {
        return Set.of();
    }

    /**
     * Whether this step comes after every other store of the erasure (the account row itself:
     * while it exists, the other stores can still find what is theirs).
     */
    default boolean last() {
        return false;
    }

    /** Removes everything of the account this store holds; answers how many items it removed. */
    Uni<Long> erase(long userId);
}
