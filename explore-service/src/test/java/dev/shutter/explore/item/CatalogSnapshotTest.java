package dev.shutter.explore.item;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.models.ItemFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void aSnapshotRestoresEveryPostWithItsCountsAndTheServingTowersVectors() throws Exception {
        ItemCatalog catalog = new ItemCatalog();
        CatalogItem photo = item(1, 10, false);
        photo.engage(3, 5_000, 3_600_000);
        CatalogItem hidden = item(2, 20, true);
        catalog.add(photo);
        catalog.add(hidden);
        Path file = dir.resolve("explore/catalog.snapshot");

        CatalogSnapshot.write(file, catalog, "v7", postId -> postId == 1 ? new float[] {0.6f, 0.8f} : null);
        ItemCatalog restored = new ItemCatalog();
        CatalogSnapshot.Vectors vectors = CatalogSnapshot.read(file, restored);

        assertThat(vectors.version()).isEqualTo("v7");
        assertThat(vectors.byPost()).containsOnlyKeys(1L);
        assertThat(vectors.byPost().get(1L)).containsExactly(0.6f, 0.8f);
        CatalogItem back = restored.get(1).orElseThrow();
        assertThat(back.engagements()).isEqualTo(3);
        assertThat(back.velocityAt(5_000, 3_600_000)).isEqualTo(photo.velocityAt(5_000, 3_600_000));
        assertThat(back.features().tags()).containsExactly(photo.features().tags());
        assertThat(back.features().visual()).containsExactly(photo.features().visual());
        assertThat(restored.get(2).orElseThrow().authorPrivate()).isTrue();
        assertThat(restored.postsOf(20)).containsExactly(2L);
        assertThat(Files.list(file.getParent()).toList()).containsExactly(file);
    }

    @Test
    void noSnapshotIsAnEmptyCatalog() throws Exception {
        ItemCatalog catalog = new ItemCatalog();
        assertThat(CatalogSnapshot.read(dir.resolve("none"), catalog)).isEqualTo(CatalogSnapshot.Vectors.NONE);
        assertThat(catalog.size()).isZero();
    }

    private static CatalogItem item(long postId, long authorId, boolean isPrivate) {
        return new CatalogItem(postId, authorId, 1_000, ItemFeatures.of(List.of("sunset", "sea"), List.of("golden"), authorId,
                false, new float[] {0.1f, 0.2f, 0.3f}), false, isPrivate);
    }
}
