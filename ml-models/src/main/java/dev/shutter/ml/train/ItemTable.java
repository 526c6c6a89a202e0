package dev.shutter.ml.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.shutter.ml.dataset.Item;
import dev.shutter.models.ItemFeatures;
import dev.shutter.models.TwoTower;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset's items encoded once by {@link ItemFeatures} (the rules serving uses), by row: what
 * both training and evaluation feed the item tower.
 */
public final class ItemTable {

    private final List<Item> items;
    private final Map<Long, Integer> rowOfPost = new HashMap<>();
    private final long[] tags;
    private final long[] tokens;
    private final long[] author;
    private final long[] mediaType;
    private final float[] visual;

    public ItemTable(List<Item> items) {
        this.items = List.copyOf(items);
        int n = items.size();
        tags = new long[n * TwoTower.MAX_TAGS];
        tokens = new long[n * TwoTower.MAX_TOKENS];
        author = new long[n];
        mediaType = new long[n];
        visual = new float[n * 3];
        for (int row = 0; row < n; row++) {
            Item item = items.get(row);
            rowOfPost.put(item.postId(), row);
            ItemFeatures features = ItemFeatures.of(item.hashtags(), item.captionTokens(), item.authorId(),
                    item.mediaType() == Item.MediaType.VIDEO,
                    item.visual() == null ? null : new float[] {item.visual().red(), item.visual().green(), item.visual().blue()});
            System.arraycopy(features.tags(), 0, tags, row * TwoTower.MAX_TAGS, TwoTower.MAX_TAGS);
            System.arraycopy(features.tokens(), 0, tokens, row * TwoTower.MAX_TOKENS, TwoTower.MAX_TOKENS);
            author[row] = features.author();
            mediaType[row] = features.mediaType();
            System.arraycopy(features.visual(), 0, visual, row * 3, 3);
        }
    }

    public int size() {
        return items.size();
    }

    public Item item(int row) {
        return items.get(row);
    }

    /** The row of a post; -1 when the dataset does not have it. */
    public int rowOf(long postId) {
        return rowOfPost.getOrDefault(postId, -1);
    }

    /** The item's hashed tag rows, 0-padded (as the item tower takes them). */
    public long[] tags(int row) {
        return java.util.Arrays.copyOfRange(tags, row * TwoTower.MAX_TAGS, (row + 1) * TwoTower.MAX_TAGS);
    }

    public ItemInputs inputs(NDManager manager, int[] rows) {
        long n = rows.length;
        return new ItemInputs(
                manager.create(gather(tags, rows, TwoTower.MAX_TAGS), new Shape(n, TwoTower.MAX_TAGS)),
                manager.create(gather(tokens, rows, TwoTower.MAX_TOKENS), new Shape(n, TwoTower.MAX_TOKENS)),
                manager.create(gather(author, rows, 1), new Shape(n)),
                manager.create(gather(mediaType, rows, 1), new Shape(n)),
                manager.create(gather(visual, rows, 3), new Shape(n, 3)));
    }

    /** The same inputs as plain arrays (for ONNX Runtime), in the signature's order. */
    public RawInputs raw(int[] rows) {
        return new RawInputs(gather(tags, rows, TwoTower.MAX_TAGS), gather(tokens, rows, TwoTower.MAX_TOKENS),
                gather(author, rows, 1), gather(mediaType, rows, 1), gather(visual, rows, 3));
    }

    public record RawInputs(long[] tags, long[] tokens, long[] author, long[] mediaType, float[] visual) {}

    private static long[] gather(long[] source, int[] rows, int width) {
        long[] out = new long[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(source, rows[i] * width, out, i * width, width);
        }
        return out;
    }

    private static float[] gather(float[] source, int[] rows, int width) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(source, rows[i] * width, out, i * width, width);
        }
        return out;
    }
}
