package dev.shutter.blobs;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.ObjectFinalized;
import dev.shutter.events.Envelope;

/**
 * The event announcing that an object was written: {@code media.uploaded} ({@link
 * EventTypes#MEDIA_UPLOADED}), keyed by the object's key, with an {@link ObjectFinalized}
 * payload. The local adapter publishes it itself; on GCS the bucket's Pub/Sub notification
 * announces the same finalize.
 */
public final class BlobEvents {

    /** Topic finalize events go to unless configured otherwise: the one the media worker consumes. */
    public static final String DEFAULT_FINALIZE_TOPIC = EventTypes.MEDIA_UPLOADED.topic();
    /**
     * Topic of a local bucket whose writes nobody needs to hear of (the media bucket: GCS sends no
     * notifications for it either); its events are kept in a stream no one reads.
     */
    public static final String UNWATCHED_FINALIZE_TOPIC = "media.stored";

    private BlobEvents() {}

    /** The finalize event of {@code blob} in {@code bucket}, happening when the blob was written. */
    public static Envelope finalized(String bucket, BlobInfo blob) {
        ObjectFinalized payload = ObjectFinalized.newBuilder()
                .setBucket(bucket)
                .setName(blob.key().value())
                .setSizeBytes(blob.size())
                .setContentType(blob.contentType())
                .setGeneration(blob.generation())
                .setFinalizedAt(Timestamp.newBuilder()
                        .setSeconds(blob.updated().getEpochSecond())
                        .setNanos(blob.updated().getNano()))
                .build();
        return Envelope.of(EventTypes.MEDIA_UPLOADED, blob.key().value(), payload, blob.updated());
    }
}
