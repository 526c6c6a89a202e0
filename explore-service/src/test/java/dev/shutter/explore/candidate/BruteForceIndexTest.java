package dev.shutter.explore.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BruteForceIndexTest extends AnnIndexContract {

    @Override
    AnnIndexFactory factory() {
        return BruteForceIndex::new;
    }

    @Test
    void isExactThroughGrowthAndRemovals() {
        AnnIndex index = open();
        List<IndexedPost> posts = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // past the first allocation, several times
            posts.add(new IndexedPost(i, i % 10, i));
            vectors.add(TestVectors.unit(random, DIMENSION));
        }
        fill(index, posts, vectors);
        for (int i = 0; i < 5_000; i += 3) {
            index.remove(i);
        }
        index.removeAuthor(4);
        List<IndexedPost> left = new ArrayList<>();
        List<float[]> leftVectors = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            if (i % 3 != 0 && i % 10 != 4) {
                left.add(posts.get(i));
                leftVectors.add(vectors.get(i));
            }
        }
        float[] query = TestVectors.unit(random, DIMENSION);

        List<Neighbour> found = index.nearest(query, 50, CandidateFilter.NONE);
        List<Neighbour> expected = exact(left, leftVectors, query, 50, CandidateFilter.NONE);

        assertThat(index.size()).isEqualTo(left.size());
        assertThat(found).extracting(Neighbour::postId).containsExactlyElementsOf(
                expected.stream().map(Neighbour::postId).toList());
        for (int i = 0; i < found.size(); i++) {
            assertThat(found.get(i).score()).isCloseTo(expected.get(i).score(), within(1e-4f));
        }
    }
}
