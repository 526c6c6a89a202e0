package dev.shutter.post.profile;

import dev.shutter.post.erasure.ErasureStep;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Erasure of an account's entry in the public-accounts index: its media are served to no one unsigned. */
@ApplicationScoped
public class PublicIndexErasure implements ErasureStep {

    private final PublicAccountsIndex index;

    PublicIndexErasure(PublicAccountsIndex index) {
        this.index = index;
    }

    @Override
    public String store() {
        return "public-index";
    }

    @Override
    public Uni<Long> erase(long userId) {
        return index.remove(userId).replaceWith(1L);
    }
}
