package dev.shutter.media.job;

import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.events.v1.MediaFailed;
import dev.shutter.contracts.events.v1.MediaProcessed;

/** What became of one upload: processed (perhaps earlier), failed for good, or not ours. */
public sealed interface Outcome {

    record Processed(MediaProcessed result, boolean alreadyDone) implements Outcome {}

    record Failed(MediaFailed failure) implements Outcome {}

    record Ignored(String why) implements Outcome {}

    static Outcome failed(MediaRef key, String reason) {
        return new Failed(MediaFailed.newBuilder().setPostId(key.postId()).setMediaId(key.mediaId()).setStory(key.isStory()).setReason(reason).build());
    }
}
