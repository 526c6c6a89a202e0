package dev.shutter.explore.candidate;

import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.VectorUtilSupport;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;

/**
 * Dot products of unit vectors on jvector's Java Vector API code. jvector 4.0.2 picks its native
 * (FFM) provider by default, which pays a downcall per dot product: about 3× the Vector API's cost
 * at 64 dimensions. Every vector the adapters score is made here, so the two never mix. Without
 * {@code --add-modules jdk.incubator.vector} this falls back to jvector's default.
 */
final class UnitVectors {

    private static final VectorizationProvider PROVIDER = provider();
    static final VectorTypeSupport TYPES = PROVIDER.getVectorTypeSupport();
    private static final VectorUtilSupport MATH = PROVIDER.getVectorUtilSupport();

    private UnitVectors() {}

    private static VectorizationProvider provider() {
        try {
            // Multi-release class of the jvector jar (Java 20+), public but not on the compile path.
            return (VectorizationProvider) Class.forName("io.github.jbellis.jvector.vector.PanamaVectorizationProvider")
                    .getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException unavailable) {
            return VectorizationProvider.getInstance();
        }
    }

    static VectorFloat<?> wrap(float[] values) {
        return TYPES.createFloatVector(values);
    }

    static float dot(VectorFloat<?> a, VectorFloat<?> b) {
        return MATH.dotProduct(a, b);
    }

    static float dot(VectorFloat<?> a, int aOffset, VectorFloat<?> b, int bOffset, int length) {
        return MATH.dotProduct(a, aOffset, b, bOffset, length);
    }

    /** jvector's similarity scale for a dot product: (1 + cosine) / 2, in [0, 1]. */
    static float similarity(VectorFloat<?> a, VectorFloat<?> b) {
        return (1 + dot(a, b)) / 2;
    }

    static float cosine(float similarity) {
        return 2 * similarity - 1;
    }
}
