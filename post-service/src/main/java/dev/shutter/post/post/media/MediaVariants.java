package dev.shutter.post.post.media;

import dev.shutter.contracts.events.v1.MediaProcessed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The object keys of a processed media item as they are stored: variant name to key. */
public final class MediaVariants {

    /** A post's image variants in the order the API lists them. */
    public static final List<String> POST_IMAGE = List.of("thumb", "medium", "hq");
    /** A story's. */
    public static final List<String> STORY_IMAGE = List.of("story", "thumb");

    private MediaVariants() {}

    /** An image's variants in {@code order}, then any fallbacks in name order; a video's {@code hls} and {@code poster}. */
    public static Map<String, String> keys(MediaProcessed event, List<String> order) {
        Map<String, String> keys = new LinkedHashMap<>();
        if ("image".equals(event.getType())) {
            order.forEach(name -> {
                if (event.getVariantsMap().containsKey(name)) {
                    keys.put(name, event.getVariantsMap().get(name));
                }
            });
            new TreeMap<>(event.getVariantsMap()).forEach(keys::putIfAbsent);
        } else {
            keys.put("hls", event.getHlsKey());
            keys.put("poster", event.getPosterKey());
        }
        return keys;
    }
}
