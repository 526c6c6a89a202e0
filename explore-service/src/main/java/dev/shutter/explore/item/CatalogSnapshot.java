package dev.shutter.explore.item;

import dev.shutter.models.ItemFeatures;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The catalog, and the serving item tower's vectors, in one file: written now and then and at
 * shutdown, read at start, so a restart neither forgets the recent posts (their events were
 * acknowledged) nor re-embeds them. Written to a temporary file and moved into place, so a crash
 * mid-write leaves the previous snapshot.
 */
public final class CatalogSnapshot {

    private static final int FORMAT = 1;

    /** Vectors of one item tower version, as the snapshot held them. */
    public record Vectors(String version, Map<Long, float[]> byPost) {
        public static final Vectors NONE = new Vectors("", Map.of());
    }

    private CatalogSnapshot() {}

    /** {@code vectorOf} gives the serving tower's vector of a post, or null. */
    public static void write(Path file, ItemCatalog catalog, String version, LongFunction<float[]> vectorOf) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.writeInt(FORMAT);
            out.writeUTF(version);
            for (CatalogItem item : catalog.all()) {
                out.writeBoolean(true);
                writeItem(out, item);
                float[] vector = vectorOf.apply(item.postId());
                out.writeInt(vector == null ? 0 : vector.length);
                if (vector != null) {
                    for (float v : vector) {
                        out.writeFloat(v);
                    }
                }
            }
            out.writeBoolean(false);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Restores the items into the catalog; the vectors they had. Nothing when there is no snapshot. */
    public static Vectors read(Path file, ItemCatalog catalog) throws IOException {
        if (!Files.exists(file)) {
            return Vectors.NONE;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != FORMAT) {
                return Vectors.NONE;
            }
            String version = in.readUTF();
            Map<Long, float[]> vectors = new HashMap<>();
            while (in.readBoolean()) {
                CatalogItem item = readItem(in);
                catalog.add(item);
                int length = in.readInt();
                if (length > 0) {
                    float[] vector = new float[length];
                    for (int i = 0; i < length; i++) {
                        vector[i] = in.readFloat();
                    }
                    vectors.put(item.postId(), vector);
                }
            }
            return new Vectors(version, vectors);
        }
    }

    private static void writeItem(DataOutputStream out, CatalogItem item) throws IOException {
        out.writeLong(item.postId());
        out.writeLong(item.authorId());
        out.writeLong(item.createdAtMillis());
        ItemFeatures f = item.features();
        writeLongs(out, f.tags());
        writeLongs(out, f.tokens());
        out.writeLong(f.author());
        out.writeLong(f.mediaType());
        for (float v : f.visual()) {
            out.writeFloat(v);
        }
        out.writeBoolean(item.video());
        out.writeBoolean(item.authorPrivate());
        out.writeLong(item.engagements());
        out.writeDouble(item.velocityRaw());
        out.writeLong(item.velocityAtMillis());
    }

    private static CatalogItem readItem(DataInputStream in) throws IOException {
        long postId = in.readLong();
        long authorId = in.readLong();
        long createdAt = in.readLong();
        ItemFeatures features = new ItemFeatures(readLongs(in), readLongs(in), in.readLong(), in.readLong(),
                new float[] {in.readFloat(), in.readFloat(), in.readFloat()});
        CatalogItem item = new CatalogItem(postId, authorId, createdAt, features, in.readBoolean(), in.readBoolean());
        item.restore(in.readLong(), in.readDouble(), in.readLong());
        return item;
    }

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] values = new long[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
