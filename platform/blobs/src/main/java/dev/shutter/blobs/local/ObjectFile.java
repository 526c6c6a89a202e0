package dev.shutter.blobs.local;

import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The on-disk form of one object: its content bytes, then a trailer with its metadata, then the
 * trailer's length and a magic marker.
 *
 * <pre>
 * [content][trailer: "content-type=...\ngeneration=...\nupdated=...\n"][int32 trailer length][SHTBLOB1]
 * </pre>
 *
 * <p>Why not a sidecar file: content and metadata in one file are published together by one
 * atomic rename, so no reader can ever see the content of one write with the content type or
 * generation of another, and a crash cannot leave them out of step. The content stays at the
 * start of the file, so the object is still inspectable with ordinary tools. The trailer comes
 * after the content because the generation is assigned when the content has been received.
 */
final class ObjectFile {

    private static final byte[] MAGIC = "SHTBLOB1".getBytes(StandardCharsets.US_ASCII);
    private static final int FOOTER_BYTES = Integer.BYTES + MAGIC.length;
    private static final int MAX_TRAILER_BYTES = 4096;
    private static final String CONTENT_TYPE = "content-type";
    private static final String GENERATION = "generation";
    private static final String UPDATED = "updated";

    private ObjectFile() {}

    /** Metadata kept in the trailer; the size follows from the file's length. */
    record Trailer(String contentType, String generation, Instant updated) {

        BlobInfo toInfo(BlobKey key, long size) {
            return new BlobInfo(key, size, contentType, generation, updated);
        }
    }

    /** Appends the trailer and footer after content already written to {@code out}. */
    static void writeTrailer(OutputStream out, Trailer trailer) throws IOException {
        byte[] text = (CONTENT_TYPE + "=" + trailer.contentType() + "\n"
                + GENERATION + "=" + trailer.generation() + "\n"
                + UPDATED + "=" + trailer.updated() + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(text);
        out.write(ByteBuffer.allocate(FOOTER_BYTES).putInt(text.length).put(MAGIC).array());
    }

    /**
     * The metadata of the object file at {@code file}, or empty when there is no regular file
     * there. Symbolic links are not followed.
     *
     * @throws IOException when the file exists but is not an object file
     */
    static Optional<BlobInfo> head(BlobKey key, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(readInfo(key, file, channel));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Opens the object file at {@code file} for reading its content, or empty when there is no
     * regular file there. The open channel keeps reading this generation even if a later put
     * renames a new file over it.
     */
    static Optional<BlobStream> open(BlobKey key, Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            BlobInfo info = readInfo(key, file, channel);
            return Optional.of(new BlobStream(new ContentStream(channel, info.size()), info));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static BlobInfo readInfo(BlobKey key, Path file, FileChannel channel) throws IOException {
        long length = channel.size();
        if (length < FOOTER_BYTES) {
            throw notAnObject(file, "shorter than its footer");
        }
        ByteBuffer footer = readFully(channel, length - FOOTER_BYTES, FOOTER_BYTES);
        int trailerLength = footer.getInt();
        byte[] magic = new byte[MAGIC.length];
        footer.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw notAnObject(file, "no object marker at its end");
        }
        if (trailerLength < 0 || trailerLength > MAX_TRAILER_BYTES || trailerLength > length - FOOTER_BYTES) {
            throw notAnObject(file, "trailer length " + trailerLength + " out of range");
        }
        long size = length - FOOTER_BYTES - trailerLength;
        ByteBuffer trailer = readFully(channel, size, trailerLength);
        return parseTrailer(file, new String(trailer.array(), StandardCharsets.UTF_8)).toInfo(key, size);
    }

    private static Trailer parseTrailer(Path file, String text) throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        String contentType = fields.get(CONTENT_TYPE);
        String generation = fields.get(GENERATION);
        String updated = fields.get(UPDATED);
        if (contentType == null || generation == null || updated == null) {
            throw notAnObject(file, "trailer lacks content-type, generation or updated");
        }
        try {
            return new Trailer(contentType, generation, Instant.parse(updated));
        } catch (DateTimeParseException e) {
            throw notAnObject(file, "trailer has a malformed updated time");
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("object file ended early");
            }
        }
        return buffer.flip();
    }

    private static IOException notAnObject(Path file, String why) {
        return new IOException("not a blob object file (" + why + "): " + file);
    }

    /** The first {@code size} bytes of the file, read at explicit positions. */
    private static final class ContentStream extends InputStream {

        private final FileChannel channel;
        private final long end;
        private long position;

        ContentStream(FileChannel channel, long size) {
            this.channel = channel;
            this.end = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int read = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (read < 0) {
                throw new IOException("object file ended early");
            }
            position += read;
            return read;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(end - position, Integer.MAX_VALUE);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
