package dev.shutter.explore.candidate;

/** Makes the index of one item tower generation, of the configured adapter. */
public interface AnnIndexFactory {

    AnnIndex create(String generation, int dimension);
}
