package dev.shutter.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A one-photo post as the app makes it: {@code POST /v1/posts}, then the bytes PUT to the signed URL. */
final class PhotoPoster {

    /** A post whose photo is uploaded; {@code uploadedNanos} is when the upload's answer came. */
    record Posted(String postId, Account author, long uploadedNanos) {}

    private static final String[] TAGS = {"travel", "food", "sunset", "city", "dogs", "art", "coffee", "beach"};

    private final ApiClient api;
    private final Sessions sessions;
    private final PhotoPool photos;

    PhotoPoster(ApiClient api, Sessions sessions, PhotoPool photos) {
        this.api = api;
        this.sessions = sessions;
        this.photos = photos;
    }

    /** @return the post, or null when the service refused it (the answer is measured either way) */
    Posted post(Account author, Random random) {
        byte[] photo = photos.pick(random);
        ApiClient.Answer created = api.call("POST /v1/posts", "POST", "/v1/posts", sessions.tokenOf(author), Map.of(
                "caption", "Out and about #" + TAGS[random.nextInt(TAGS.length)] + " #load",
                "media", List.of(Map.of("mimeType", "image/jpeg", "sizeBytes", photo.length))));
        if (created.status() != 201) {
            return null;
        }
        JsonNode upload = created.body().path("uploads").path(0);
        Map<String, String> headers = new HashMap<>();
        upload.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        ApiClient.Answer put = api.upload(upload.path("url").asText(), headers, photo);
        if (!put.ok()) {
            return null;
        }
        return new Posted(created.body().path("postId").asText(), author, System.nanoTime());
    }
}
