package dev.shutter.explore.candidate;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embedded adapter: a jvector HNSW graph in this JVM, built incrementally. Upserts and
 * searches run concurrently (jvector's builder and its concurrent graph view allow both). A
 * replaced or removed post is only marked deleted in the graph, so searches still walk through
 * it; once enough are marked the graph is purged of them, which jvector does not allow during
 * inserts, so inserts wait for it. Searches do not wait: a purged node's vector is kept until the
 * searches that were running during the purge are done.
 */
public final class JVectorIndex implements AnnIndex {

    static final VectorTypeSupport VECTORS = VectorizationProvider.getInstance().getVectorTypeSupport();
    // Vectors are unit length: the dot product is the cosine. jvector scores it as (1 + dot) / 2.
    private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    private final String generation;
    private final int dimension;
    private final JVectorParameters parameters;
    private final ConcurrentHashMap<Long, Integer> ordinalByPost = new ConcurrentHashMap<>();
    // Read: upserts and removals (concurrent with each other). Write: purging, saving, closing.
    private final ReentrantReadWriteLock mutations = new ReentrantReadWriteLock();
    // Read: searches. Write: dropping purged vectors, closing.
    private final ReentrantReadWriteLock searches = new ReentrantReadWriteLock();
    private final ConcurrentLinkedQueue<GraphSearcher> searchers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger deletedInGraph = new AtomicInteger();
    private final AtomicBoolean purging = new AtomicBoolean();
    // Set to null on close, under both write locks; every other use holds one of the locks.
    private OrdinalPosts posts;
    private GraphIndexBuilder graph;

    public JVectorIndex(String generation, int dimension, JVectorParameters parameters) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        this.generation = generation;
        this.dimension = dimension;
        this.parameters = parameters;
        this.posts = new OrdinalPosts(dimension);
        BuildScoreProvider scores = BuildScoreProvider.randomAccessScoreProvider(posts, SIMILARITY);
        this.graph = new GraphIndexBuilder(scores, dimension, parameters.maxDegree(), parameters.beamWidth(),
                parameters.neighbourOverflow(), parameters.alpha(), parameters.hierarchy());
    }

    /** Loads a snapshot written by {@link #save}; the graph comes back as it was, nothing is re-embedded. */
    public static JVectorIndex load(Path file, JVectorParameters parameters) throws IOException {
        return JVectorSnapshot.read(file, parameters);
    }

    @Override
    public String generation() {
        return generation;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    public JVectorParameters parameters() {
        return parameters;
    }

    @Override
    public void upsert(IndexedPost post, float[] vector) {
        requireDimension(vector);
        VectorFloat<?> copy = VECTORS.createFloatVector(vector.clone());
        Lock lock = mutations.readLock();
        lock.lock();
        try {
            requireOpen();
            int ordinal = posts.append(post, copy);
            graph.addGraphNode(ordinal, copy);
            ordinalByPost.compute(post.postId(), (id, previous) -> {
                if (previous != null) {
                    retire(previous);
                }
                posts.setLive(ordinal, true);
                return ordinal;
            });
        } finally {
            lock.unlock();
        }
        purgeIfDue();
    }

    @Override
    public void remove(long postId) {
        Lock lock = mutations.readLock();
        lock.lock();
        try {
            requireOpen();
            Integer ordinal = ordinalByPost.remove(postId);
            if (ordinal != null) {
                retire(ordinal);
            }
        } finally {
            lock.unlock();
        }
        purgeIfDue();
    }

    @Override
    public void removeAuthor(long authorId) {
        Lock lock = mutations.readLock();
        lock.lock();
        try {
            requireOpen();
            // A scan: rare (erasure, a private account), and an author index would cost memory on every post.
            int upper = posts.upperBound();
            for (int ordinal = 0; ordinal < upper; ordinal++) {
                if (posts.isLive(ordinal) && posts.authorId(ordinal) == authorId
                        && ordinalByPost.remove(posts.postId(ordinal), ordinal)) {
                    retire(ordinal);
                }
            }
        } finally {
            lock.unlock();
        }
        purgeIfDue();
    }

    private void retire(int ordinal) {
        posts.setLive(ordinal, false);
        graph.markNodeDeleted(ordinal);
        deletedInGraph.incrementAndGet();
    }

    @Override
    public List<Neighbour> nearest(float[] query, int k, CandidateFilter filter) {
        return nearest(query, k, filter, parameters.searchBeam(k));
    }

    /** The same search with an explicit beam (HNSW's ef, at least {@code k}): for tuning. */
    public List<Neighbour> nearest(float[] query, int k, CandidateFilter filter, int beam) {
        requireDimension(query);
        if (k <= 0 || beam < k) {
            throw new IllegalArgumentException("k must be positive and the beam at least k: k " + k + ", beam " + beam);
        }
        Lock lock = searches.readLock();
        lock.lock();
        try {
            requireOpen();
            GraphSearcher searcher = searchers.poll();
            if (searcher == null) {
                searcher = new GraphSearcher(graph.getGraph());
            }
            try {
                searcher.setView(graph.getGraph().getView());
                var score = DefaultSearchScoreProvider.exact(VECTORS.createFloatVector(query), SIMILARITY, posts);
                SearchResult result = searcher.search(score, k, beam, 0f, 0f,
                        new CandidateBits(posts, filter));
                List<Neighbour> found = new ArrayList<>(result.getNodes().length);
                for (SearchResult.NodeScore node : result.getNodes()) {
                    IndexedPost post = posts.post(node.node);
                    found.add(new Neighbour(post.postId(), post.authorId(), post.createdAtMillis(), 2 * node.score - 1));
                }
                return found;
            } finally {
                searchers.offer(searcher);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        return ordinalByPost.size();
    }

    /** Removes the nodes marked deleted from the graph now; upserts wait meanwhile, searches do not. */
    public void purgeDeleted() {
        Lock lock = mutations.writeLock();
        lock.lock();
        try {
            requireOpen();
            purgeLocked();
        } finally {
            lock.unlock();
        }
    }

    private void purgeIfDue() {
        int deleted = deletedInGraph.get();
        if (deleted < Math.max(parameters.purgeMinimum(), parameters.purgeFraction() * ordinalByPost.size())
                || !purging.compareAndSet(false, true)) {
            return;
        }
        try {
            purgeDeleted();
        } catch (AnnUnavailableException closed) {
            // closed meanwhile: nothing left to purge
        } finally {
            purging.set(false);
        }
    }

    private void purgeLocked() {
        if (deletedInGraph.get() == 0) {
            return;
        }
        graph.removeDeletedNodes();
        deletedInGraph.set(0);
        // No edge leads to a purged node any more, but a search that started before may stand on one.
        Lock lock = searches.writeLock();
        lock.lock();
        try {
            int upper = posts.upperBound();
            for (int ordinal = 0; ordinal < upper; ordinal++) {
                if (!posts.isLive(ordinal) && posts.hasVector(ordinal)) {
                    posts.dropVector(ordinal);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the posts, their vectors and the graph to {@code file} (replaced atomically). Purges
     * deleted nodes first; upserts wait until it is written, searches go on.
     */
    public void save(Path file) throws IOException {
        Lock lock = mutations.writeLock();
        lock.lock();
        try {
            requireOpen();
            purgeLocked();
            JVectorSnapshot.write(file, generation, dimension, posts, graph.getGraph());
        } finally {
            lock.unlock();
        }
    }

    /** For the snapshot loader: a post at its saved ordinal, before the graph is loaded. */
    void restore(int ordinal, IndexedPost post, float[] vector) {
        posts.put(ordinal, post, VECTORS.createFloatVector(vector));
        posts.setLive(ordinal, true);
        ordinalByPost.put(post.postId(), ordinal);
    }

    GraphIndexBuilder graphBuilder() {
        return graph;
    }

    @Override
    public void close() {
        Lock mutating = mutations.writeLock();
        Lock searching = searches.writeLock();
        mutating.lock();
        searching.lock();
        try {
            if (posts == null) {
                return;
            }
            try {
                graph.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                graph = null;
                posts = null;
                ordinalByPost.clear();
                searchers.clear();
            }
        } finally {
            searching.unlock();
            mutating.unlock();
        }
    }

    /** Only memory to release: a snapshot file is its writer's to delete. */
    @Override
    public void drop() {
        close();
    }

    private void requireOpen() {
        if (posts == null) {
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
