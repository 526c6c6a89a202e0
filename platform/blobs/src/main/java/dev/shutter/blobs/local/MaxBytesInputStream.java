package dev.shutter.blobs.local;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a body through while counting it, and fails with {@link BodyTooLargeException} as soon as
 * it goes past the limit, so that an oversized upload is cut off after {@code maxBytes + 1} bytes
 * rather than read whole (a client can always omit or understate Content-Length).
 */
final class MaxBytesInputStream extends FilterInputStream {

    private final long maxBytes;
    private long count;

    MaxBytesInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (count >= maxBytes) {
            // At the limit: the body is fine only if it ends here.
            if (in.read() < 0) {
                return -1;
            }
            throw new BodyTooLargeException(maxBytes);
        }
        int read = in.read(b, off, (int) Math.min(len, maxBytes - count));
        if (read > 0) {
            count += read;
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(Math.max(n, 0), 8192)], 0, (int) Math.min(Math.max(n, 0), 8192));
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
