package dev.shutter.post.search;

import dev.shutter.post.erasure.ErasureStep;
import dev.shutter.post.reactive.Offload;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Erasure of an account from the search index: its posts and its user document. The queue would
 * remove them too ({@code user.erased}); this step is what the ledger waits for, and it fails (to
 * be retried next poll) while the engine is down, so an erasure is never reported done early.
 */
@ApplicationScoped
public class SearchErasure implements ErasureStep {

    private final SearchEngine engine;

    SearchErasure(SearchEngine engine) {
        this.engine = engine;
    }

    @Override
    public String store() {
        return "search-index";
    }

    @Override
    public Uni<Long> erase(long userId) {
        return Offload.cpu(() -> {
            engine.createIfMissing();
            engine.deletePostsOf(List.of(userId));
            engine.write(new IndexChanges(List.of(), List.of(), List.of(), List.of(userId)));
            return 1L;
        });
    }
}
