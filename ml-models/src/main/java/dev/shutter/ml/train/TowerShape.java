package dev.shutter.ml.train;

/**
 * The towers' sizes: {@code dimension} is the embedding's (the signature's); {@code featureDimension}
 * that of each hashed feature's table row; {@code hidden} the item tower's hidden layer.
 */
public record TowerShape(int dimension, int featureDimension, int hidden) {

    public static TowerShape of(int dimension) {
        return new TowerShape(dimension, 32, 128);
    }

    /** Pooled tags, pooled tokens, author, media type (one table row each) and the 3 visual values. */
    public int itemInputWidth() {
        return 4 * featureDimension + 3;
    }
}
