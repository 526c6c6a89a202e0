package dev.shutter.ml.train;

/**
 * How the towers train. {@code temperature} divides the cosines before the in-batch softmax;
 * {@code epochs} passes over the training pairs of {@code batchSize}.
 */
public record TrainOptions(TowerShape shape, int epochs, int batchSize, float learningRate, float temperature, long seed) {

    public static TrainOptions defaults(long seed) {
        return new TrainOptions(TowerShape.of(dev.shutter.models.TwoTower.DEFAULT_DIMENSION), 6, 256, 3e-3f, 0.05f, seed);
    }

    public TrainOptions withEpochs(int value) {
        return new TrainOptions(shape, value, batchSize, learningRate, temperature, seed);
    }

    public TrainOptions withDimension(int value) {
        return new TrainOptions(TowerShape.of(value), epochs, batchSize, learningRate, temperature, seed);
    }

    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put("dimension", shape.dimension());
        parameters.put("featureDimension", shape.featureDimension());
        parameters.put("hidden", shape.hidden());
        parameters.put("epochs", epochs);
        parameters.put("batchSize", batchSize);
        parameters.put("learningRate", learningRate);
        parameters.put("temperature", temperature);
        parameters.put("seed", seed);
        return parameters;
    }
}
