package dev.shutter.explore.candidate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JVectorIndexTest extends AnnIndexContract {

    // Purges early, so the contract's removals also run through a purged graph.
    private static final JVectorParameters PARAMETERS = new JVectorParameters(16, 100, 1.2f, 1.2f, true, 50, 2f, 0.05f, 10);

    @Override
    AnnIndexFactory factory() {
        return new JVectorIndexFactory(PARAMETERS);
    }

    @Test
    void aSnapshotLoadsBackTheSamePostsAndGraphAndTakesMoreInserts(@TempDir Path dir) throws Exception {
        JVectorIndex index = (JVectorIndex) open("snap:Gen/1", DIMENSION);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            vectors.add(TestVectors.unit(random, DIMENSION));
            index.upsert(new IndexedPost(i, i % 50, 1_000L + i), vectors.getLast());
        }
        for (int i = 0; i < 2_000; i += 20) {
            index.remove(i);
        }
        for (int i = 1; i < 2_000; i += 40) {
            index.upsert(new IndexedPost(i, 77, 9_999), TestVectors.unit(random, DIMENSION));
        }
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 20; q++) {
            queries.add(TestVectors.unit(random, DIMENSION));
        }
        Path file = dir.resolve("index.snapshot");

        index.save(file);
        JVectorIndex loaded = track(JVectorIndex.load(file, PARAMETERS));

        assertThat(loaded.generation()).isEqualTo("snap:Gen/1");
        assertThat(loaded.dimension()).isEqualTo(DIMENSION);
        assertThat(loaded.size()).isEqualTo(index.size()).isEqualTo(1_900);
        CandidateFilter filter = new CandidateFilter(Set.of(3L), Set.of(), 1_500);
        for (float[] query : queries) {
            assertThat(loaded.nearest(query, 25, CandidateFilter.NONE)).isEqualTo(index.nearest(query, 25, CandidateFilter.NONE));
            assertThat(loaded.nearest(query, 25, filter)).isEqualTo(index.nearest(query, 25, filter));
        }
        float[] fresh = TestVectors.unit(random, DIMENSION);
        loaded.upsert(new IndexedPost(50_000, 1, 1), fresh);
        loaded.remove(1);
        assertThat(loaded.nearest(fresh, 1, CandidateFilter.NONE).getFirst().postId()).isEqualTo(50_000);
        assertThat(loaded.size()).isEqualTo(1_900);
    }

    @Test
    void purgingDeletedNodesKeepsRecall() {
        JVectorIndex index = (JVectorIndex) open();
        BruteForceIndex truth = new BruteForceIndex("truth", DIMENSION);
        for (int i = 0; i < 4_000; i++) {
            float[] vector = TestVectors.unit(random, DIMENSION);
            index.upsert(new IndexedPost(i, i % 10, i), vector);
            truth.upsert(new IndexedPost(i, i % 10, i), vector);
        }
        for (int i = 0; i < 4_000; i += 2) { // purges many times on the way
            index.remove(i);
            truth.remove(i);
        }
        index.removeAuthor(5);
        truth.removeAuthor(5);
        index.purgeDeleted();

        int hits = 0;
        for (int q = 0; q < 50; q++) {
            float[] query = TestVectors.unit(random, DIMENSION);
            List<Neighbour> found = index.nearest(query, 10, CandidateFilter.NONE);
            assertThat(found).allSatisfy(n -> assertThat(n.postId() % 2).isOne());
            hits += overlap(found, truth.nearest(query, 10, CandidateFilter.NONE));
        }
        assertThat(index.size()).isEqualTo(truth.size()).isEqualTo(1_600);
        assertThat(hits / 500.0).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void upsertsRemovalsAndSearchesRunConcurrently() throws Exception {
        JVectorIndex index = (JVectorIndex) open();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                Random own = new Random(writer);
                await(start);
                for (int i = 0; i < 1_500; i++) {
                    long postId = own.nextInt(3_000); // writers overlap: replacements race
                    index.upsert(new IndexedPost(postId, postId % 13, i), TestVectors.unit(own, DIMENSION));
                    if (i % 5 == 0) {
                        index.remove(own.nextInt(3_000));
                    }
                }
            }));
        }
        for (int s = 0; s < 2; s++) {
            int searcher = s;
            pool.submit(() -> {
                Random own = new Random(100 + searcher);
                await(start);
                while (writing.get()) {
                    try {
                        List<Neighbour> found = index.nearest(TestVectors.unit(own, DIMENSION), 20,
                                new CandidateFilter(Set.of(3L), Set.of(), 0));
                        if (found.stream().map(Neighbour::postId).distinct().count() != found.size()
                                || found.stream().anyMatch(n -> n.authorId() == 3)) {
                            failures.add(new AssertionError("duplicate or excluded post in " + found));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
        }
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get(2, TimeUnit.MINUTES);
        }
        writing.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        assertThat(failures).isEmpty();
        // A beam as wide as the index reaches (nearly) every live post, each once.
        List<Neighbour> all = index.nearest(TestVectors.unit(random, DIMENSION), 3_000, CandidateFilter.NONE);
        assertThat(all.stream().map(Neighbour::postId).distinct().count()).isEqualTo(all.size());
        assertThat(all.size()).isGreaterThanOrEqualTo((int) (0.95 * index.size()));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
