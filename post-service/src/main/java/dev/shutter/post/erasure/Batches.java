package dev.shutter.post.erasure;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Erasure of a store in bounded batches: each batch is one transaction that removes some rows
 * (and corrects what they counted) and answers how many; batches repeat until one finds nothing.
 * A crash between batches loses nothing: the rows a committed batch removed are gone, and the
 * next run starts with what is left.
 */
public final class Batches {

    /** Rows one batch takes: keeps each transaction small on a large account. */
    public static final int SIZE = 500;

    private Batches() {}

    public static Uni<Long> untilEmpty(Supplier<Uni<Integer>> batch) {
        return untilEmpty(batch, 0);
    }

    private static Uni<Long> untilEmpty(Supplier<Uni<Integer>> batch, long soFar) {
        return Uni.createFrom().deferred(() -> batch.get()).chain(removed -> removed == 0
                ? Uni.createFrom().item(soFar)
                : untilEmpty(batch, soFar + removed));
    }
}
