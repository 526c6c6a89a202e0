package dev.shutter.explore.candidate;

import java.util.List;

/**
 * Approximate nearest neighbours over post embeddings: the port both adapters implement (jvector
 * in this JVM, OpenSearch k-NN for a corpus one JVM cannot hold), held to one contract suite.
 * Vectors are L2-normalised, so the score is the cosine (dot product). Calls block: run them on a
 * worker thread, never an event loop.
 *
 * <p>One index holds the embeddings of one item tower version (its {@link #generation()}); a new
 * tower gets a new index, filled in the background, and the two swap together.
 */
public interface AnnIndex extends AutoCloseable {

    /** The item tower version whose embeddings this index holds. */
    String generation();

    int dimension();

    /** Adds the post, or replaces its vector when it is there already. */
    void upsert(IndexedPost post, float[] vector);

    /** Removes the post; nothing when it is not there. */
    void remove(long postId);

    /** Removes every post of the author (private account, erasure). */
    void removeAuthor(long authorId);

    /**
     * The {@code k} posts nearest to {@code query} that {@code filter} lets through, best first.
     * Filtering happens inside the search, so excluded posts never use up the {@code k}.
     *
     * @throws AnnUnavailableException when the index cannot answer (engine down, closed)
     */
    List<Neighbour> nearest(float[] query, int k, CandidateFilter filter);

    /** Posts in the index. */
    int size();

    /** Releases what the index holds (memory, a remote index is dropped only by {@link #drop}). */
    @Override
    void close();

    /** Deletes the index's data for good (a retired generation). */
    void drop();
}
