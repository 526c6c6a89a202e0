package dev.shutter.explore.candidate;

import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Exact top-k by dot product over every post: the ground truth for the approximate adapters, and
 * an adapter in its own right for a small corpus. Vectors sit in one flat array (a removal moves
 * the last row into the gap), scanned with jvector's Vector API dot product.
 */
public final class BruteForceIndex implements AnnIndex {

    private final String generation;
    private final int dimension;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Integer> rowByPost = new HashMap<>();
    private float[] vectors;
    private VectorFloat<?> flat; // `vectors`, as jvector's dot product takes it
    private long[] postIds;
    private long[] authorIds;
    private long[] createdAt;
    private int rows;
    private boolean closed;

    public BruteForceIndex(String generation, int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        this.generation = generation;
        this.dimension = dimension;
        allocate(1024);
    }

    private void allocate(int capacity) {
        if ((long) capacity * dimension > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a brute-force index of dimension " + dimension + " holds at most "
                    + (Integer.MAX_VALUE - 8) / dimension + " posts");
        }
        vectors = vectors == null ? new float[capacity * dimension] : Arrays.copyOf(vectors, capacity * dimension);
        flat = UnitVectors.wrap(vectors);
        postIds = postIds == null ? new long[capacity] : Arrays.copyOf(postIds, capacity);
        authorIds = authorIds == null ? new long[capacity] : Arrays.copyOf(authorIds, capacity);
        createdAt = createdAt == null ? new long[capacity] : Arrays.copyOf(createdAt, capacity);
    }

    @Override
    public String generation() {
        return generation;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void upsert(IndexedPost post, float[] vector) {
        requireDimension(vector);
        Lock write = lock.writeLock();
        write.lock();
        try {
            requireOpen();
            Integer row = rowByPost.get(post.postId());
            if (row == null) {
                if (rows == postIds.length) {
                    allocate((int) Math.min((long) rows * 2, (Integer.MAX_VALUE - 8) / dimension));
                }
                row = rows++;
                rowByPost.put(post.postId(), row);
            }
            System.arraycopy(vector, 0, vectors, row * dimension, dimension);
            postIds[row] = post.postId();
            authorIds[row] = post.authorId();
            createdAt[row] = post.createdAtMillis();
        } finally {
            write.unlock();
        }
    }

    @Override
    public void remove(long postId) {
        Lock write = lock.writeLock();
        write.lock();
        try {
            requireOpen();
            Integer row = rowByPost.remove(postId);
            if (row != null) {
                fillFromLast(row);
            }
        } finally {
            write.unlock();
        }
    }

    @Override
    public void removeAuthor(long authorId) {
        Lock write = lock.writeLock();
        write.lock();
        try {
            requireOpen();
            // Downwards, so the row moved into a gap has been looked at already.
            for (int row = rows - 1; row >= 0; row--) {
                if (authorIds[row] == authorId) {
                    rowByPost.remove(postIds[row]);
                    fillFromLast(row);
                }
            }
        } finally {
            write.unlock();
        }
    }

    private void fillFromLast(int row) {
        int last = --rows;
        if (row == last) {
            return;
        }
        System.arraycopy(vectors, last * dimension, vectors, row * dimension, dimension);
        postIds[row] = postIds[last];
        authorIds[row] = authorIds[last];
        createdAt[row] = createdAt[last];
        rowByPost.put(postIds[row], row);
    }

    @Override
    public List<Neighbour> nearest(float[] query, int k, CandidateFilter filter) {
        requireDimension(query);
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        VectorFloat<?> q = UnitVectors.wrap(query);
        // The common filter (a time bound only) without boxing a Long per row.
        boolean exclusions = !filter.excludedAuthors().isEmpty() || !filter.excludedPosts().isEmpty();
        long notBefore = filter.notBeforeMillis();
        Lock read = lock.readLock();
        read.lock();
        try {
            requireOpen();
            TopK top = new TopK(Math.min(k, Math.max(rows, 1)));
            for (int row = 0; row < rows; row++) {
                if (createdAt[row] < notBefore
                        || exclusions && !filter.accepts(postIds[row], authorIds[row], createdAt[row])) {
                    continue;
                }
                top.offer(row, UnitVectors.dot(q, 0, flat, row * dimension, dimension));
            }
            float[] scores = new float[top.size()];
            int[] best = top.drainBestFirst(scores);
            List<Neighbour> found = new ArrayList<>(best.length);
            for (int i = 0; i < best.length; i++) {
                int row = best[i];
                found.add(new Neighbour(postIds[row], authorIds[row], createdAt[row], scores[i]));
            }
            return found;
        } finally {
            read.unlock();
        }
    }

    @Override
    public int size() {
        Lock read = lock.readLock();
        read.lock();
        try {
            return rows;
        } finally {
            read.unlock();
        }
    }

    @Override
    public void close() {
        Lock write = lock.writeLock();
        write.lock();
        try {
            closed = true;
            rows = 0;
            rowByPost.clear();
            vectors = new float[0];
            flat = null;
        } finally {
            write.unlock();
        }
    }

    @Override
    public void drop() {
        close();
    }

    private void requireOpen() {
        if (closed) {
            throw new AnnUnavailableException("the index of generation " + generation + " is closed", null);
        }
    }

    private void requireDimension(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector of dimension " + vector.length + " for an index of dimension "
                    + dimension + " (generation " + generation + ")");
        }
    }
}
