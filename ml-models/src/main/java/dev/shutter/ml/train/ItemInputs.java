package dev.shutter.ml.train;

import ai.djl.ndarray.NDArray;

/** The item tower's inputs for a batch of items, as the signature names them. */
public record ItemInputs(NDArray tags, NDArray tokens, NDArray author, NDArray mediaType, NDArray visual) {}
