package dev.shutter.explore.candidate;

/** Makes {@link JVectorIndex}es, all with the same parameters. */
public final class JVectorIndexFactory implements AnnIndexFactory {

    private final JVectorParameters parameters;

    public JVectorIndexFactory(JVectorParameters parameters) {
        this.parameters = parameters;
    }

    public JVectorIndexFactory() {
        this(JVectorParameters.DEFAULT);
    }

    @Override
    public JVectorIndex create(String generation, int dimension) {
        return new JVectorIndex(generation, dimension, parameters);
    }
}
