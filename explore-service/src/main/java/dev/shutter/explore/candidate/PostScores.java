package dev.shutter.explore.candidate;

import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.graph.similarity.ScoreFunction;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;

/**
 * Exact scores between the posts of a graph and a query, for building and searching it: jvector's
 * own exact provider, but over {@link OrdinalPosts}' flat vectors and {@link UnitVectors}' dot
 * product, on jvector's similarity scale (1 + cosine) / 2.
 */
final class PostScores implements BuildScoreProvider {

    private final OrdinalPosts posts;

    PostScores(OrdinalPosts posts) {
        this.posts = posts;
    }

    /** Scores of every post against {@code query}. */
    SearchScoreProvider against(VectorFloat<?> query) {
        return new DefaultSearchScoreProvider(
                (ScoreFunction.ExactScoreFunction) ordinal -> (1 + posts.dot(query, ordinal)) / 2);
    }

    /** Scores of every post against the post at {@code ordinal}. */
    SearchScoreProvider against(int ordinal) {
        return new DefaultSearchScoreProvider(
                (ScoreFunction.ExactScoreFunction) other -> (1 + posts.dot(ordinal, other)) / 2);
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public VectorFloat<?> approximateCentroid() {
        float[] centroid = new float[posts.dimension()];
        int upper = posts.upperBound();
        for (int ordinal = 0; ordinal < upper; ordinal++) {
            if (posts.isLive(ordinal)) {
                float[] vector = posts.vector(ordinal);
                for (int i = 0; i < centroid.length; i++) {
                    centroid[i] += vector[i];
                }
            }
        }
        return UnitVectors.wrap(centroid);
    }

    @Override
    public SearchScoreProvider searchProviderFor(VectorFloat<?> vector) {
        return against(vector);
    }

    @Override
    public SearchScoreProvider searchProviderFor(int ordinal) {
        return against(ordinal);
    }

    @Override
    public SearchScoreProvider diversityProviderFor(int ordinal) {
        return against(ordinal);
    }
}
