package dev.shutter.blobs;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.v1.ObjectFinalized;
import dev.shutter.events.Envelope;
import java.util.UUID;

/**
 * The event announcing that an object was written: type {@value #FINALIZED_TYPE}, keyed by the
 * object's key, with an {@link ObjectFinalized} payload. The local adapter publishes it itself; on
 * GCS the bucket's Pub/Sub notification announces the same finalize.
 */
public final class BlobEvents {

    /** Event type of an {@link ObjectFinalized} envelope. */
    public static final String FINALIZED_TYPE = "media.uploaded";
    /** Topic finalize events go to unless configured otherwise. */
    public static final String DEFAULT_FINALIZE_TOPIC = "media.uploaded";

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
        return new Envelope(UUID.randomUUID().toString(), FINALIZED_TYPE, blob.updated(), blob.key().value(),
                payload.toByteArray());
    }
}
