package dev.shutter.post.post;

import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobStore;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.post.erasure.ErasureStep;
import dev.shutter.post.reactive.Offload;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

/** Erasure of an account's raw uploads (originals and tombstones alike): everything under its prefix of the raw bucket. */
@ApplicationScoped
public class RawUploadErasure implements ErasureStep {

    private final BlobStore raw;

    RawUploadErasure(BlobStore raw) {
        this.raw = raw;
    }

    @Override
    public String store() {
        return "raw-uploads";
    }

    @Override
    public Uni<Long> erase(long userId) {
        return Offload.cpu(() -> {
            long removed = 0;
            for (String prefix : ObjectKeys.uploadsOf(userId)) {
                try (Stream<BlobInfo> objects = raw.listAll(prefix)) {
                    List<BlobInfo> all = objects.toList();
                    for (BlobInfo object : all) {
                        if (raw.delete(object.key())) {
                            removed++;
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return removed;
        });
    }
}
