package dev.shutter.explore.candidate;

import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The posts of a jvector graph by node ordinal: vector, metadata and whether the ordinal is the
 * post's current one. Ordinals are handed out once and never reused, so a concurrent search that
 * holds an old ordinal never reads another post's data. Appends are thread-safe; storage grows in
 * fixed chunks so it never copies what is there.
 */
final class OrdinalPosts implements RandomAccessVectorValues {

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;

    private final int dimension;
    private final AtomicInteger next = new AtomicInteger();
    private volatile Chunk[] chunks = new Chunk[16];

    OrdinalPosts(int dimension) {
        this.dimension = dimension;
    }

    /** Stores a post under a new ordinal, not yet live. */
    int append(IndexedPost post, VectorFloat<?> vector) {
        int ordinal = next.getAndIncrement();
        put(ordinal, post, vector);
        return ordinal;
    }

    /** Stores a post under a given ordinal (loading a snapshot); later appends go after it. */
    void put(int ordinal, IndexedPost post, VectorFloat<?> vector) {
        next.accumulateAndGet(ordinal + 1, Math::max);
        Chunk chunk = chunkFor(ordinal);
        int i = ordinal & MASK;
        chunk.postIds[i] = post.postId();
        chunk.authorIds[i] = post.authorId();
        chunk.createdAt[i] = post.createdAtMillis();
        chunk.vectors[i] = vector;
    }

    private Chunk chunkFor(int ordinal) {
        int index = ordinal >>> CHUNK_BITS;
        Chunk[] current = chunks;
        if (index < current.length && current[index] != null) {
            return current[index];
        }
        synchronized (this) {
            current = chunks;
            if (index >= current.length) {
                Chunk[] grown = new Chunk[Math.max(current.length * 2, index + 1)];
                System.arraycopy(current, 0, grown, 0, current.length);
                current = grown;
            }
            if (current[index] == null) {
                current[index] = new Chunk();
            }
            chunks = current;
            return current[index];
        }
    }

    private Chunk chunk(int ordinal) {
        return chunks[ordinal >>> CHUNK_BITS];
    }

    long postId(int ordinal) {
        return chunk(ordinal).postIds[ordinal & MASK];
    }

    long authorId(int ordinal) {
        return chunk(ordinal).authorIds[ordinal & MASK];
    }

    long createdAt(int ordinal) {
        return chunk(ordinal).createdAt[ordinal & MASK];
    }

    IndexedPost post(int ordinal) {
        Chunk chunk = chunk(ordinal);
        int i = ordinal & MASK;
        return new IndexedPost(chunk.postIds[i], chunk.authorIds[i], chunk.createdAt[i]);
    }

    boolean isLive(int ordinal) {
        int i = ordinal & MASK;
        return (chunk(ordinal).live.get(i >>> 6) & (1L << i)) != 0;
    }

    void setLive(int ordinal, boolean live) {
        AtomicLongArray bits = chunk(ordinal).live;
        int i = ordinal & MASK;
        long bit = 1L << i;
        bits.getAndUpdate(i >>> 6, word -> live ? word | bit : word & ~bit);
    }

    /** Whether the ordinal still holds a vector (dead ones do until they are purged from the graph). */
    boolean hasVector(int ordinal) {
        return chunk(ordinal).vectors[ordinal & MASK] != null;
    }

    void dropVector(int ordinal) {
        chunk(ordinal).vectors[ordinal & MASK] = null;
    }

    /** One past the highest ordinal handed out. */
    int upperBound() {
        return next.get();
    }

    @Override
    public int size() {
        return upperBound();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public VectorFloat<?> getVector(int ordinal) {
        return chunk(ordinal).vectors[ordinal & MASK];
    }

    @Override
    public boolean isValueShared() {
        return false;
    }

    @Override
    public RandomAccessVectorValues copy() {
        return this;
    }

    private static final class Chunk {
        final long[] postIds = new long[CHUNK];
        final long[] authorIds = new long[CHUNK];
        final long[] createdAt = new long[CHUNK];
        final VectorFloat<?>[] vectors = new VectorFloat<?>[CHUNK];
        final AtomicLongArray live = new AtomicLongArray(CHUNK / 64);
    }
}
