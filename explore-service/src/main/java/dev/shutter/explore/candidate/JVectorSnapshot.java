package dev.shutter.explore.candidate;

import io.github.jbellis.jvector.disk.RandomAccessReader;
import io.github.jbellis.jvector.disk.ReaderSupplier;
import io.github.jbellis.jvector.disk.ReaderSupplierFactory;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.NodesIterator;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A {@link JVectorIndex} on disk: the live posts with their vectors and graph ordinals, then the
 * graph in jvector's on-heap format (version 4, which {@code GraphIndexBuilder.load} reads back;
 * written here because jvector's own writer insists on a graph that takes no more inserts).
 * Big-endian, as jvector's readers are.
 */
final class JVectorSnapshot {

    private static final int MAGIC = 0x53484e4e; // "SHNN"
    private static final int VERSION = 1;
    private static final int GRAPH_FORMAT = 4;

    private JVectorSnapshot() {}

    /**
     * Expects a graph of the live posts only (purged) and no insert in progress. Ordinals are
     * renumbered densely, so the space of purged posts is not carried over.
     */
    static void write(Path file, String generation, int dimension, OrdinalPosts posts, ImmutableGraphIndex graph)
            throws IOException {
        int[] renumbered = renumberLive(posts);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            byte[] name = generation.getBytes(StandardCharsets.UTF_8);
            out.writeInt(name.length);
            out.write(name);
            out.writeInt(dimension);
            writePosts(out, posts, renumbered);
            writeGraph(out, (OnHeapGraphIndex) graph, renumbered);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** New ordinal by old, -1 for a dead one. */
    private static int[] renumberLive(OrdinalPosts posts) {
        int[] renumbered = new int[posts.upperBound()];
        int next = 0;
        for (int ordinal = 0; ordinal < renumbered.length; ordinal++) {
            renumbered[ordinal] = posts.isLive(ordinal) ? next++ : -1;
        }
        return renumbered;
    }

    private static void writePosts(DataOutputStream out, OrdinalPosts posts, int[] renumbered) throws IOException {
        int live = 0;
        for (int ordinal : renumbered) {
            live += ordinal >= 0 ? 1 : 0;
        }
        out.writeInt(live);
        for (int ordinal = 0; ordinal < renumbered.length; ordinal++) {
            if (renumbered[ordinal] < 0) {
                continue;
            }
            out.writeInt(renumbered[ordinal]);
            out.writeLong(posts.postId(ordinal));
            out.writeLong(posts.authorId(ordinal));
            out.writeLong(posts.createdAt(ordinal));
            for (float value : posts.vector(ordinal)) {
                out.writeFloat(value);
            }
        }
    }

    private static void writeGraph(DataOutputStream out, OnHeapGraphIndex graph, int[] renumbered) throws IOException {
        out.writeInt(OnHeapGraphIndex.MAGIC);
        out.writeInt(GRAPH_FORMAT);
        int layers = graph.getMaxLevel() + 1;
        out.writeInt(layers);
        for (int level = 0; level < layers; level++) {
            out.writeInt(graph.getDegree(level));
        }
        var entry = graph.entryNode();
        out.writeInt(entry == null ? ImmutableGraphIndex.ENTRY_NODE_ABSENT : live(renumbered, entry.node));
        for (int level = 0; level < layers; level++) {
            out.writeInt(graph.size(level));
            for (NodesIterator nodes = graph.getNodes(level); nodes.hasNext(); ) {
                int node = nodes.nextInt();
                NodesIterator neighbours = graph.getNeighborsIterator(level, node);
                out.writeInt(live(renumbered, node));
                out.writeInt(neighbours.size());
                while (neighbours.hasNext()) {
                    out.writeInt(live(renumbered, neighbours.nextInt()));
                    out.writeFloat(0f); // the loader scores the edge again
                }
            }
        }
    }

    private static int live(int[] renumbered, int ordinal) {
        int renumberedOrdinal = ordinal < renumbered.length ? renumbered[ordinal] : -1;
        if (renumberedOrdinal < 0) {
            throw new IllegalStateException("graph node " + ordinal + " is not a live post: purge before saving");
        }
        return renumberedOrdinal;
    }

    @SuppressWarnings("deprecation") // GraphIndexBuilder.load: the one way to resume inserts into a saved graph
    static JVectorIndex read(Path file, JVectorParameters parameters) throws IOException {
        try (ReaderSupplier supplier = ReaderSupplierFactory.open(file); RandomAccessReader in = supplier.get()) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not an ANN index snapshot");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + " is a snapshot of version " + version + ", not " + VERSION);
            }
            byte[] name = new byte[in.readInt()];
            in.readFully(name);
            int dimension = in.readInt();
            JVectorIndex index = new JVectorIndex(new String(name, StandardCharsets.UTF_8), dimension, parameters);
            int live = in.readInt();
            for (int i = 0; i < live; i++) {
                int ordinal = in.readInt();
                IndexedPost post = new IndexedPost(in.readLong(), in.readLong(), in.readLong());
                float[] vector = new float[dimension];
                in.read(vector, 0, dimension);
                index.restore(ordinal, post, vector);
            }
            index.graphBuilder().load(in);
            return index;
        }
    }
}
