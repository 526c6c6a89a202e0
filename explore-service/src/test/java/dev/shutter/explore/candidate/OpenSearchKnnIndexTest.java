package dev.shutter.explore.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.testsupport.FreePort;
import dev.shutter.testsupport.TestOpenSearch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract against a real OpenSearch node with the k-NN plugin (platform/search-node). */
class OpenSearchKnnIndexTest extends AnnIndexContract {

    private static final OpenSearchKnnOptions OPTIONS = OpenSearchKnnOptions.DEFAULT.withRefreshOnWrite(true);

    @Override
    AnnIndexFactory factory() {
        return new OpenSearchKnnIndexFactory(TestOpenSearch.shared().hosts(), OPTIONS);
    }

    @Override
    void fill(AnnIndex index, List<IndexedPost> posts, List<float[]> vectors) {
        for (int from = 0; from < posts.size(); from += 1_000) {
            int to = Math.min(posts.size(), from + 1_000);
            ((OpenSearchKnnIndex) index).upsertAll(posts.subList(from, to), vectors.subList(from, to));
        }
    }

    @Test
    void anEngineThatDoesNotAnswerIsUnavailable() {
        OpenSearchKnnIndexFactory nobody = new OpenSearchKnnIndexFactory("127.0.0.1:" + FreePort.find(), OPTIONS);

        assertThatThrownBy(() -> nobody.create("unreachable", DIMENSION))
                .isInstanceOf(AnnUnavailableException.class)
                .hasMessageContaining("no OpenSearch host");
    }

    @Test
    void aHostThatDoesNotAnswerIsSkippedForTheNext() {
        String hosts = "127.0.0.1:" + FreePort.find() + ", " + TestOpenSearch.shared().uri();
        AnnIndex index = track(new OpenSearchKnnIndexFactory(hosts, OPTIONS).create("failover", DIMENSION));

        index.upsert(new IndexedPost(1, 1, 1), TestVectors.unit(random, DIMENSION));

        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void reopeningAGenerationKeepsItsPostsAndRefusesAnotherDimension() {
        AnnIndex first = open("Reopen:Gen", DIMENSION);
        first.upsert(new IndexedPost(1, 1, 1), TestVectors.unit(random, DIMENSION));

        assertThat(factory().create("Reopen:Gen", DIMENSION).size()).isEqualTo(1);
        assertThatThrownBy(() -> factory().create("Reopen:Gen", DIMENSION * 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dimension " + DIMENSION);
    }

    @Test
    void indexNamesAreLowercaseAndSafe() {
        assertThat(OpenSearchKnnIndex.indexName("Tower:2026-03/V2 β")).isEqualTo("explore-items-tower-2026-03-v2--");
    }
}
