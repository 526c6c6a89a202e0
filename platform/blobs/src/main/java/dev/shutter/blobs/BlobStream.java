package dev.shutter.blobs;

import java.io.FilterInputStream;
import java.io.InputStream;

/**
 * An object's content, read as it streams, together with the metadata of the very generation
 * being read: asking {@link BlobStore#head} separately could describe a newer write. Close it.
 */
public final class BlobStream extends FilterInputStream {

    private final BlobInfo info;

    public BlobStream(InputStream content, BlobInfo info) {
        super(content);
        this.info = info;
    }

    public BlobInfo info() {
        return info;
    }
}
