package dev.shutter.explore.candidate;

import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.NodesIterator;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.similarity.ScoreFunction;
import io.github.jbellis.jvector.util.Bits;

/**
 * The graph as it stands, for searches. jvector's view for a graph still taking inserts hides
 * nodes whose insert is unfinished by checking a completion clock for every neighbour walked
 * (a fifth of a search's time at 1 M posts); its builder needs that, a search here does not: a
 * post becomes a candidate only once its insert is done ({@link CandidateBits}), and walking
 * through a node still being linked in only visits fewer neighbours. This is jvector's own view
 * for finished graphs, over one that is not.
 */
final class LiveGraphView implements ImmutableGraphIndex.View {

    private final OnHeapGraphIndex graph;

    LiveGraphView(OnHeapGraphIndex graph) {
        this.graph = graph;
    }

    @Override
    public NodesIterator getNeighborsIterator(int level, int node) {
        return graph.getNeighborsIterator(level, node);
    }

    @Override
    public void processNeighbors(int level, int node, ScoreFunction scores, ImmutableGraphIndex.IntMarker visited,
            ImmutableGraphIndex.NeighborProcessor processor) {
        for (NodesIterator neighbours = graph.getNeighborsIterator(level, node); neighbours.hasNext(); ) {
            int neighbour = neighbours.nextInt();
            if (visited.mark(neighbour)) {
                processor.process(neighbour, scores.similarityTo(neighbour));
            }
        }
    }

    @Override
    public int size() {
        return graph.size(0);
    }

    @Override
    public ImmutableGraphIndex.NodeAtLevel entryNode() {
        return graph.entryNode();
    }

    /**
     * All: a node marked deleted (only while a purge runs) is a retired post, which {@link
     * CandidateBits} refuses already; jvector's own answer counts its locked deleted set per search.
     */
    @Override
    public Bits liveNodes() {
        return Bits.ALL;
    }

    @Override
    public int getIdUpperBound() {
        return graph.getIdUpperBound();
    }

    @Override
    public boolean contains(int level, int node) {
        return graph.contains(level, node);
    }

    @Override
    public void close() {}
}
