package dev.shutter.post.story;

import dev.shutter.post.post.view.MediaUrls;
import dev.shutter.rest.post.MediaView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A story's media shaped as a post's media item; every URL carries a grant that ends with the story. */
@ApplicationScoped
public class StoryMediaViews {

    private static final Set<String> VIDEO_KEYS = Set.of("hls", "poster");

    private final MediaUrls urls;

    StoryMediaViews(MediaUrls urls) {
        this.urls = urls;
    }

    public MediaView of(StoryCard card) {
        Map<String, String> keys = card.keys();
        if ("video".equals(card.type())) {
            return new MediaView(card.mediaId(), "video", Story.READY, null, card.width(), card.height(), card.blurhash(),
                    urls.until(keys.get("hls"), card.expiresAt()), urls.until(keys.get("poster"), card.expiresAt()),
                    card.durationMs());
        }
        Map<String, String> variants = new LinkedHashMap<>();
        keys.forEach((name, key) -> {
            String url = VIDEO_KEYS.contains(name) ? null : urls.until(key, card.expiresAt());
            if (url != null) {
                variants.put(name, url);
            }
        });
        return new MediaView(card.mediaId(), "image", Story.READY, variants, card.width(), card.height(), card.blurhash(),
                null, null, null);
    }
}
