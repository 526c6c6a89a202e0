package dev.shutter.explore.candidate;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.SearchResult;
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
 * searches run concurrently; searches take no lock and walk a {@link LiveGraphView}. A replaced or
 * removed post stops being a candidate at once but stays in the graph, to be walked through, until
 * enough have piled up to purge them ({@code markNodeDeleted}, then {@code removeDeletedNodes}).
 * jvector allows no inserts during a purge, so upserts wait for it; searches do not. A purged
 * post's vector stays until a snapshot compacts the ordinals, so a search still standing on it
 * reads nothing freed.
 */
public final class JVectorIndex implements AnnIndex {

    private final String generation;
    private final int dimension;
    private final JVectorParameters parameters;
    private final ConcurrentHashMap<Long, Integer> ordinalByPost = new ConcurrentHashMap<>();
    // Read: upserts and removals (concurrent with each other). Write: purging, saving, closing.
    private final ReentrantReadWriteLock mutations = new ReentrantReadWriteLock();
    private final ConcurrentLinkedQueue<Integer> retired = new ConcurrentLinkedQueue<>();
    private final AtomicInteger retiredCount = new AtomicInteger(); // the queue's size() is a walk
    private final ConcurrentLinkedQueue<GraphSearcher> searchers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean purging = new AtomicBoolean();
    private volatile Graph graph; // null once closed

    /** The posts and the graph over them, dropped together on close. */
    private record Graph(OrdinalPosts posts, PostScores scores, GraphIndexBuilder builder, LiveGraphView searchView) {
        Graph(OrdinalPosts posts, PostScores scores, GraphIndexBuilder builder) {
            this(posts, scores, builder, new LiveGraphView((OnHeapGraphIndex) builder.getGraph()));
        }
    }

    public JVectorIndex(String generation, int dimension, JVectorParameters parameters) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        this.generation = generation;
        this.dimension = dimension;
        this.parameters = parameters;
        OrdinalPosts posts = new OrdinalPosts(dimension);
        PostScores scores = new PostScores(posts);
        this.graph = new Graph(posts, scores, new GraphIndexBuilder(scores, dimension, parameters.maxDegree(),
                parameters.beamWidth(), parameters.neighbourOverflow(), parameters.alpha(), parameters.hierarchy()));
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
        Lock lock = mutations.readLock();
        lock.lock();
        try {
            Graph g = open();
            int ordinal = g.posts().append(post, vector);
            g.builder().addGraphNode(ordinal, g.scores().against(ordinal));
            ordinalByPost.compute(post.postId(), (id, previous) -> {
                if (previous != null) {
                    retire(g, previous);
                }
                g.posts().setLive(ordinal, true);
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
            Graph g = open();
            Integer ordinal = ordinalByPost.remove(postId);
            if (ordinal != null) {
                retire(g, ordinal);
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
            Graph g = open();
            // A scan: rare (erasure, a private account), and an author index would cost memory on every post.
            OrdinalPosts posts = g.posts();
            int upper = posts.upperBound();
            for (int ordinal = 0; ordinal < upper; ordinal++) {
                if (posts.isLive(ordinal) && posts.authorId(ordinal) == authorId
                        && ordinalByPost.remove(posts.postId(ordinal), ordinal)) {
                    retire(g, ordinal);
                }
            }
        } finally {
            lock.unlock();
        }
        purgeIfDue();
    }

    /**
     * Out of the candidates now, out of the graph at the next purge. Marking it deleted in jvector
     * now would put a lock on every search's path (jvector's deleted set is a locked bit set).
     */
    private void retire(Graph g, int ordinal) {
        g.posts().setLive(ordinal, false);
        retired.add(ordinal);
        retiredCount.incrementAndGet();
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
        Graph g = open();
        GraphSearcher searcher = searchers.poll();
        if (searcher == null) {
            searcher = new GraphSearcher(g.builder().getGraph());
        }
        try {
            searcher.setView(g.searchView());
            SearchResult result = searcher.search(g.scores().against(UnitVectors.wrap(query)), k, beam, 0f, 0f,
                    new CandidateBits(g.posts(), filter));
            List<Neighbour> found = new ArrayList<>(result.getNodes().length);
            // A post replaced while the search ran can be met twice (its old and new node, each
            // live when visited): the better one, first in score order, stands.
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (SearchResult.NodeScore node : result.getNodes()) {
                IndexedPost post = g.posts().post(node.node);
                if (!seen.add(post.postId())) {
                    continue;
                }
                found.add(new Neighbour(post.postId(), post.authorId(), post.createdAtMillis(), UnitVectors.cosine(node.score)));
            }
            return found;
        } finally {
            searchers.offer(searcher);
        }
    }

    @Override
    public int size() {
        return ordinalByPost.size();
    }

    /** Purges the replaced and removed posts from the graph now; upserts wait meanwhile, searches do not. */
    public void purgeDeleted() {
        Lock lock = mutations.writeLock();
        lock.lock();
        try {
            purgeLocked(open());
        } finally {
            lock.unlock();
        }
    }

    private void purgeIfDue() {
        if (retiredCount.get() < Math.max(parameters.purgeMinimum(), parameters.purgeFraction() * ordinalByPost.size())
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

    private void purgeLocked(Graph g) {
        if (retired.isEmpty()) {
            return;
        }
        for (Integer ordinal = retired.poll(); ordinal != null; ordinal = retired.poll()) {
            g.builder().markNodeDeleted(ordinal);
        }
        retiredCount.set(0);
        g.builder().removeDeletedNodes();
    }

    /**
     * Writes the posts, their vectors and the graph to {@code file} (replaced atomically),
     * renumbered densely. Purges first; upserts wait until it is written, searches go on.
     */
    public void save(Path file) throws IOException {
        Lock lock = mutations.writeLock();
        lock.lock();
        try {
            Graph g = open();
            purgeLocked(g);
            JVectorSnapshot.write(file, generation, dimension, g.posts(), g.builder().getGraph());
        } finally {
            lock.unlock();
        }
    }

    /** For the snapshot loader: a post at its saved ordinal, before the graph is loaded. */
    void restore(int ordinal, IndexedPost post, float[] vector) {
        Graph g = open();
        g.posts().put(ordinal, post, vector);
        g.posts().setLive(ordinal, true);
        ordinalByPost.put(post.postId(), ordinal);
    }

    GraphIndexBuilder graphBuilder() {
        return open().builder();
    }

    /** Drops the graph; searches already running finish on it. */
    @Override
    public void close() {
        Lock lock = mutations.writeLock();
        lock.lock();
        try {
            Graph g = graph;
            if (g == null) {
                return;
            }
            graph = null;
            ordinalByPost.clear();
            retired.clear();
            retiredCount.set(0);
            searchers.clear();
            g.builder().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Only memory to release: a snapshot file is its writer's to delete. */
    @Override
    public void drop() {
        close();
    }

    private Graph open() {
        Graph g = graph;
        if (g == null) {
            throw new AnnUnavailableException("the index of generation " + generation + " is closed", null);
        }
        return g;
    }

    private void requireDimension(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector of dimension " + vector.length + " for an index of dimension "
                    + dimension + " (generation " + generation + ")");
        }
    }
}
