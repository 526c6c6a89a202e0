package dev.shutter.explore.candidate;

import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The posts of a jvector graph by node ordinal: vector, metadata and whether the ordinal is the
 * post's current one. Ordinals are handed out once and never reused, so a concurrent search that
 * holds an old ordinal never reads another post's data. Appends are thread-safe; storage grows in
 * fixed chunks so it never copies what is there. A chunk's vectors are one flat array: a search
 * scores thousands of random posts, and one cache miss each (not three, through a vector object)
 * is most of its time.
 */
final class OrdinalPosts {

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;

    private final int dimension;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong oldest = new AtomicLong(Long.MAX_VALUE);
    private volatile Chunk[] chunks = new Chunk[16];

    OrdinalPosts(int dimension) {
        this.dimension = dimension;
    }

    /** Stores a post under a new ordinal, not yet live. */
    int append(IndexedPost post, float[] vector) {
        int ordinal = next.getAndIncrement();
        put(ordinal, post, vector);
        return ordinal;
    }

    /** Stores a post under a given ordinal (loading a snapshot); later appends go after it. */
    void put(int ordinal, IndexedPost post, float[] vector) {
        next.accumulateAndGet(ordinal + 1, Math::max);
        oldest.accumulateAndGet(post.createdAtMillis(), Math::min);
        Chunk chunk = chunkFor(ordinal);
        int i = ordinal & MASK;
        chunk.postIds[i] = post.postId();
        chunk.authorIds[i] = post.authorId();
        chunk.createdAt[i] = post.createdAtMillis();
        System.arraycopy(vector, 0, chunk.vectors, i * dimension, dimension);
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
                current[index] = new Chunk(dimension);
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

    /** The dot product of {@code query} and the ordinal's vector. */
    float dot(VectorFloat<?> query, int ordinal) {
        return UnitVectors.dot(query, 0, chunk(ordinal).flat, (ordinal & MASK) * dimension, dimension);
    }

    float dot(int a, int b) {
        return UnitVectors.dot(chunk(a).flat, (a & MASK) * dimension, chunk(b).flat, (b & MASK) * dimension, dimension);
    }

    float[] vector(int ordinal) {
        float[] copy = new float[dimension];
        System.arraycopy(chunk(ordinal).vectors, (ordinal & MASK) * dimension, copy, 0, dimension);
        return copy;
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

    /** The earliest creation time ever stored: a time bound at or before it lets every post through. */
    long oldestCreatedAt() {
        return oldest.get();
    }

    /** One past the highest ordinal handed out. */
    int upperBound() {
        return next.get();
    }

    int dimension() {
        return dimension;
    }

    private static final class Chunk {
        final long[] postIds = new long[CHUNK];
        final long[] authorIds = new long[CHUNK];
        final long[] createdAt = new long[CHUNK];
        final float[] vectors;
        final VectorFloat<?> flat; // `vectors`, as jvector's dot product takes it
        final AtomicLongArray live = new AtomicLongArray(CHUNK / 64);

        Chunk(int dimension) {
            vectors = new float[CHUNK * dimension];
            flat = UnitVectors.wrap(vectors);
        }
    }
}
