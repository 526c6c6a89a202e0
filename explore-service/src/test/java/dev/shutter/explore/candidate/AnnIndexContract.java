package dev.shutter.explore.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AnnIndex} adapter does, exact or approximate. A subclass names its factory
 * and, when it has a faster way to fill an index, overrides {@link #fill}.
 */
abstract class AnnIndexContract {

    static final int DIMENSION = 32;
    private static final AtomicInteger GENERATIONS = new AtomicInteger();

    private final List<AnnIndex> opened = new ArrayList<>();
    final Random random = new Random(42);

    abstract AnnIndexFactory factory();

    /** Upserts each post; adapters with a bulk path use it. */
    void fill(AnnIndex index, List<IndexedPost> posts, List<float[]> vectors) {
        for (int i = 0; i < posts.size(); i++) {
            index.upsert(posts.get(i), vectors.get(i));
        }
    }

    AnnIndex open(String generation, int dimension) {
        return track(factory().create(generation, dimension));
    }

    /** Drops the index after the test. */
    <T extends AnnIndex> T track(T index) {
        opened.add(index);
        return index;
    }

    AnnIndex open() {
        return open("contract-" + GENERATIONS.incrementAndGet() + "-" + System.nanoTime(), DIMENSION);
    }

    @AfterEach
    void dropIndices() {
        for (AnnIndex index : opened) {
            try {
                index.drop();
            } catch (RuntimeException e) {
                // dropped already by the test
            }
        }
    }

    @Test
    void anEmptyIndexFindsNothing() {
        AnnIndex index = open("Empty-Gen", DIMENSION);

        assertThat(index.generation()).isEqualTo("Empty-Gen");
        assertThat(index.dimension()).isEqualTo(DIMENSION);
        assertThat(index.size()).isZero();
        assertThat(index.nearest(TestVectors.unit(random, DIMENSION), 10, CandidateFilter.NONE)).isEmpty();
    }

    @Test
    void findsWhatWasUpsertedWithItsMetadataAndCosine() {
        AnnIndex index = open();
        float[] a = TestVectors.unit(random, DIMENSION);
        float[] b = TestVectors.unit(random, DIMENSION);
        index.upsert(new IndexedPost(1, 10, 1_000), a);
        index.upsert(new IndexedPost(2, 20, 2_000), b);

        List<Neighbour> found = index.nearest(b, 2, CandidateFilter.NONE);

        assertThat(index.size()).isEqualTo(2);
        assertThat(found).extracting(Neighbour::postId).containsExactly(2L, 1L);
        assertThat(found.get(0).authorId()).isEqualTo(20);
        assertThat(found.get(0).createdAtMillis()).isEqualTo(2_000);
        assertThat(found.get(0).score()).isCloseTo(1f, within(1e-3f));
        assertThat(found.get(1).score()).isCloseTo(TestVectors.dot(a, b), within(1e-3f));
    }

    @Test
    void anUpsertReplacesTheVectorAndMetadata() {
        AnnIndex index = open();
        float[] before = TestVectors.unit(random, DIMENSION);
        float[] after = TestVectors.unit(random, DIMENSION);
        index.upsert(new IndexedPost(1, 10, 1_000), before);
        index.upsert(new IndexedPost(2, 10, 1_000), TestVectors.unit(random, DIMENSION));

        index.upsert(new IndexedPost(1, 11, 5_000), after);

        assertThat(index.size()).isEqualTo(2);
        Neighbour best = index.nearest(after, 1, CandidateFilter.NONE).getFirst();
        assertThat(best).isEqualTo(new Neighbour(1, 11, 5_000, best.score()));
        assertThat(best.score()).isCloseTo(1f, within(1e-3f));
        List<Neighbour> nearOld = index.nearest(before, 10, CandidateFilter.NONE);
        assertThat(nearOld).extracting(Neighbour::postId).containsExactlyInAnyOrder(1L, 2L);
        assertThat(nearOld.stream().filter(n -> n.postId() == 1).findFirst().orElseThrow().score())
                .isCloseTo(TestVectors.dot(before, after), within(1e-3f));
    }

    @Test
    void removeTakesThePostOut() {
        AnnIndex index = open();
        float[] gone = TestVectors.unit(random, DIMENSION);
        index.upsert(new IndexedPost(1, 10, 1_000), gone);
        index.upsert(new IndexedPost(2, 10, 1_000), TestVectors.unit(random, DIMENSION));

        index.remove(1);
        index.remove(99); // not there: nothing happens

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.nearest(gone, 10, CandidateFilter.NONE)).extracting(Neighbour::postId).containsExactly(2L);
    }

    @Test
    void removeAuthorTakesAllTheirPostsOut() {
        AnnIndex index = open();
        List<IndexedPost> posts = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            posts.add(new IndexedPost(i, i % 2 == 0 ? 7 : 8, 1_000));
            vectors.add(TestVectors.unit(random, DIMENSION));
        }
        fill(index, posts, vectors);

        index.removeAuthor(7);
        index.removeAuthor(12345); // no posts: nothing happens

        assertThat(index.size()).isEqualTo(30);
        assertThat(index.nearest(vectors.getFirst(), 60, CandidateFilter.NONE))
                .hasSize(30)
                .allSatisfy(n -> assertThat(n.authorId()).isEqualTo(8));
    }

    @Test
    void anExcludedAuthorsPostsNearestTheQueryDoNotStarveK() {
        AnnIndex index = open();
        float[] query = TestVectors.unit(random, DIMENSION);
        List<IndexedPost> posts = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // the followed author's posts: all nearer than anyone else's
            posts.add(new IndexedPost(i, 9, 1_000));
            vectors.add(TestVectors.near(random, query, 0.02));
        }
        for (int i = 200; i < 700; i++) {
            posts.add(new IndexedPost(i, 100 + i % 50, 1_000));
            vectors.add(i < 300 ? TestVectors.near(random, query, 0.3) : TestVectors.unit(random, DIMENSION));
        }
        fill(index, posts, vectors);
        CandidateFilter notNine = new CandidateFilter(Set.of(9L), Set.of(), 0);

        List<Neighbour> found = index.nearest(query, 20, notNine);

        assertThat(found).hasSize(20).allSatisfy(n -> assertThat(n.authorId()).isNotEqualTo(9));
        assertThat(overlap(found, exact(posts, vectors, query, 20, notNine))).isGreaterThanOrEqualTo(18);
    }

    @Test
    void excludedPostsAndOldPostsAreFilteredInsideTheSearch() {
        AnnIndex index = open();
        float[] query = TestVectors.unit(random, DIMENSION);
        List<IndexedPost> posts = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // The nearest half alternate old and new; the far half are new.
            long createdAt = i < 200 && i % 2 == 0 ? 1_000 : 9_000;
            posts.add(new IndexedPost(i, 100 + i % 7, createdAt));
            vectors.add(i < 200 ? TestVectors.near(random, query, 0.05) : TestVectors.unit(random, DIMENSION));
        }
        fill(index, posts, vectors);
        Set<Long> engaged = new HashSet<>();
        for (long id = 1; id < 200; id += 4) {
            engaged.add(id);
        }
        CandidateFilter filter = new CandidateFilter(Set.of(103L), engaged, 5_000);

        List<Neighbour> found = index.nearest(query, 30, filter);

        assertThat(found).hasSize(30).allSatisfy(n -> {
            assertThat(n.createdAtMillis()).isGreaterThanOrEqualTo(5_000);
            assertThat(n.authorId()).isNotEqualTo(103);
            assertThat(engaged).doesNotContain(n.postId());
        });
        assertThat(overlap(found, exact(posts, vectors, query, 30, filter))).isGreaterThanOrEqualTo(27);
    }

    @Test
    void recallAgainstBruteForceIsAtLeastNinetyPercent() {
        AnnIndex index = open();
        BruteForceIndex truth = new BruteForceIndex("truth", DIMENSION);
        List<IndexedPost> posts = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            posts.add(new IndexedPost(i, i % 100, i));
            vectors.add(TestVectors.unit(random, DIMENSION));
            truth.upsert(posts.getLast(), vectors.getLast());
        }
        fill(index, posts, vectors);

        int hits = 0;
        int queries = 50;
        int k = 10;
        for (int q = 0; q < queries; q++) {
            float[] query = TestVectors.unit(random, DIMENSION);
            hits += overlap(index.nearest(query, k, CandidateFilter.NONE), truth.nearest(query, k, CandidateFilter.NONE));
        }

        assertThat(index.size()).isEqualTo(3_000);
        assertThat(hits / (double) (queries * k)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void aVectorOfAnotherDimensionIsRejected() {
        AnnIndex index = open();

        assertThatThrownBy(() -> index.upsert(new IndexedPost(1, 1, 1), new float[DIMENSION + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension " + (DIMENSION + 1));
        assertThatThrownBy(() -> index.nearest(new float[DIMENSION - 1], 5, CandidateFilter.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension " + (DIMENSION - 1));
        assertThatThrownBy(() -> index.nearest(new float[DIMENSION], 0, CandidateFilter.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(index.size()).isZero();
    }

    @Test
    void dropDeletesTheDataForGood() {
        String generation = "drop-" + System.nanoTime();
        AnnIndex index = open(generation, DIMENSION);
        index.upsert(new IndexedPost(1, 1, 1), TestVectors.unit(random, DIMENSION));

        index.drop();

        assertThatThrownBy(() -> index.nearest(TestVectors.unit(random, DIMENSION), 1, CandidateFilter.NONE))
                .isInstanceOf(AnnUnavailableException.class);
        assertThat(open(generation, DIMENSION).size()).isZero();
    }

    @Test
    void aClosedIndexCannotAnswer() {
        AnnIndex index = open();
        index.upsert(new IndexedPost(1, 1, 1), TestVectors.unit(random, DIMENSION));

        index.close();

        assertThatThrownBy(() -> index.nearest(TestVectors.unit(random, DIMENSION), 1, CandidateFilter.NONE))
                .isInstanceOf(AnnUnavailableException.class);
    }

    static int overlap(List<Neighbour> found, List<Neighbour> expected) {
        Set<Long> ids = new HashSet<>();
        expected.forEach(n -> ids.add(n.postId()));
        return (int) found.stream().filter(n -> ids.contains(n.postId())).count();
    }

    /** The exact answer, computed here rather than by any adapter. */
    static List<Neighbour> exact(List<IndexedPost> posts, List<float[]> vectors, float[] query, int k,
            CandidateFilter filter) {
        List<Neighbour> all = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            IndexedPost post = posts.get(i);
            if (filter.accepts(post.postId(), post.authorId(), post.createdAtMillis())) {
                all.add(new Neighbour(post.postId(), post.authorId(), post.createdAtMillis(),
                        TestVectors.dot(query, vectors.get(i))));
            }
        }
        all.sort((a, b) -> Float.compare(b.score(), a.score()));
        return all.subList(0, Math.min(k, all.size()));
    }
}
