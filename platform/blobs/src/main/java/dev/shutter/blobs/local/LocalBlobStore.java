package dev.shutter.blobs.local;

import dev.shutter.blobs.BlobEvents;
import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobPage;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.BlobStream;
import dev.shutter.blobs.ContentTypes;
import dev.shutter.blobs.InvalidBlobKeyException;
import dev.shutter.blobs.NoSuchBlobException;
import dev.shutter.events.Envelope;
import dev.shutter.events.EventPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The embedded default {@link BlobStore}: one bucket as a directory tree on local disk.
 *
 * <pre>
 * {root}/objects/{key}   one file per object: content, then a metadata trailer ({@link ObjectFile})
 * {root}/tmp/            puts in progress; never listed, never read
 * </pre>
 *
 * <p><b>Atomic writes.</b> A put streams into a new file under {@code tmp/} (same filesystem as
 * {@code objects/}), appends the trailer, and renames it onto the key's path with {@code
 * ATOMIC_MOVE}. Readers see the old object or the new one, never part of one; a put that fails
 * midway deletes its temporary file.
 *
 * <p><b>Finalize events, at least once.</b> After the rename the put publishes a {@code media.uploaded}
 * event to the configured topic, as GCS does through its Pub/Sub
 * notification, and returns only when the broker has it. When publishing fails the put fails with
 * {@link FinalizeNotPublishedException} but the object stays; retrying the put rewrites it (new
 * generation) and publishes again. Consumers therefore see each object at least once, and
 * de-duplicate on the event ID or the generation.
 *
 * <p><b>Confinement.</b> Keys are {@link BlobKey}s, which cannot climb out; on top of that every
 * path is normalized and checked to lie under {@code objects/}, directories are created one by
 * one refusing symbolic links, and objects are opened without following links, so a symbolic
 * link planted in the tree cannot lead a read or write outside the root.
 *
 * <p>Safe for concurrent use by many threads. Several processes may share a root; generations
 * then stay unique but are ordered only within each process.
 */
public final class LocalBlobStore implements BlobStore {

    private static final Logger LOG = Logger.getLogger(LocalBlobStore.class);
    /** Temporary files older than this are leftovers of a crashed put, removed on open. */
    private static final Duration STALE_TEMP_AGE = Duration.ofHours(1);
    /** A concurrent delete may prune the directory a put is moving into; try that many times. */
    private static final int MOVE_ATTEMPTS = 3;

    private final LocalBlobStoreConfig config;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Path objects;
    private final Path tmp;
    /** Serializes generation assignment with the rename, so generations grow in commit order. */
    private final Object commitLock = new Object();
    private long lastGeneration;

    private LocalBlobStore(LocalBlobStoreConfig config, EventPublisher publisher, Clock clock, Path objects, Path tmp) {
        this.config = config;
        this.publisher = publisher;
        this.clock = clock;
        this.objects = objects;
        this.tmp = tmp;
    }

    /** Opens the store, creating its directories when missing. */
    public static LocalBlobStore open(LocalBlobStoreConfig config, EventPublisher publisher) throws IOException {
        return open(config, publisher, Clock.systemUTC());
    }

    /** Opens the store with a clock for generations and update times. */
    public static LocalBlobStore open(LocalBlobStoreConfig config, EventPublisher publisher, Clock clock)
            throws IOException {
        Files.createDirectories(config.root().resolve("objects"));
        Files.createDirectories(config.root().resolve("tmp"));
        // Real paths, so that confinement checks compare like with like even if the root itself
        // is reached through a symbolic link.
        Path objects = config.root().resolve("objects").toRealPath();
        Path tmp = config.root().resolve("tmp").toRealPath();
        LocalBlobStore store = new LocalBlobStore(config, publisher, clock, objects, tmp);
        store.removeStaleTempFiles();
        return store;
    }

    @Override
    public String bucket() {
        return config.bucket();
    }

    /** The directory objects live in (for tests and tooling; do not write to it directly). */
    public Path objectsDirectory() {
        return objects;
    }

    @Override
    public BlobInfo put(BlobKey key, InputStream content, String contentType) throws IOException {
        ContentTypes.requireValid(contentType);
        Path target = pathOf(key);
        Path temp = Files.createTempFile(tmp, "put-", ".partial");
        try {
            BlobInfo written = write(key, content, contentType, temp, target);
            publishFinalized(written);
            return written;
        } finally {
            Files.deleteIfExists(temp); // gone already after a successful rename
        }
    }

    private BlobInfo write(BlobKey key, InputStream content, String contentType, Path temp, Path target)
            throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            long size = content.transferTo(out);
            synchronized (commitLock) {
                Instant updated = clock.instant().truncatedTo(ChronoUnit.MICROS);
                String generation = Long.toString(nextGeneration(updated));
                ObjectFile.writeTrailer(out, new ObjectFile.Trailer(contentType, generation, updated));
                if (config.fsync()) {
                    channel.force(true);
                }
                channel.close(); // before the rename: Windows cannot rename an open file
                moveIntoPlace(key, temp, target);
                return new BlobInfo(key, size, contentType, generation, updated);
            }
        }
    }

    /** Microseconds since the epoch, made strictly increasing within this store. */
    private long nextGeneration(Instant now) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        lastGeneration = Math.max(micros, lastGeneration + 1);
        return lastGeneration;
    }

    private void moveIntoPlace(BlobKey key, Path temp, Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            createParentDirectories(key);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new PrefixConflictException("cannot write object " + key + ": objects exist under " + key
                        + "/ and the local store cannot hold an object and a folder of the same name");
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                break;
            } catch (NoSuchFileException e) {
                if (attempt == MOVE_ATTEMPTS || !Files.exists(temp)) {
                    throw e;
                }
                // A concurrent delete pruned the now-empty parent; create it again.
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename atomically into " + objects
                        + "; is part of the tree on another filesystem?", e);
            }
        }
        if (config.fsync()) {
            forceDirectory(target.getParent());
        }
    }

    /** Creates the key's folders one by one, refusing links and objects in the way. */
    private void createParentDirectories(BlobKey key) throws IOException {
        List<String> segments = key.segments();
        Path directory = objects;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            directory = directory.resolve(segment);
            try {
                Files.createDirectory(directory);
            } catch (FileAlreadyExistsException e) {
                if (Files.isSymbolicLink(directory)) {
                    throw new IOException("refusing to write " + key + " through a symbolic link: " + directory);
                }
                if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    throw new PrefixConflictException("cannot write object " + key + ": object "
                            + objects.relativize(directory).toString().replace(objects.getFileSystem().getSeparator(), "/")
                            + " exists, and the local store cannot hold an object and a folder of the same name");
                }
            }
        }
    }

    private void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; the rename is still atomic.
            LOG.debugf(e, "could not fsync directory %s", directory);
        }
    }

    private void publishFinalized(BlobInfo written) throws FinalizeNotPublishedException {
        Envelope event = BlobEvents.finalized(config.bucket(), written);
        try {
            publisher.publish(config.finalizeTopic(), event).await().atMost(config.publishTimeout());
        } catch (RuntimeException e) {
            throw new FinalizeNotPublishedException("object " + written.key() + " (generation " + written.generation()
                    + ") was written but its finalize event was not published to " + config.finalizeTopic()
                    + "; retry the put", e);
        }
    }

    @Override
    public BlobStream get(BlobKey key) throws IOException {
        Optional<Path> file = existingObjectFile(key);
        if (file.isEmpty()) {
            throw new NoSuchBlobException(key);
        }
        return ObjectFile.open(key, file.get()).orElseThrow(() -> new NoSuchBlobException(key));
    }

    @Override
    public Optional<BlobInfo> head(BlobKey key) throws IOException {
        Optional<Path> file = existingObjectFile(key);
        return file.isEmpty() ? Optional.empty() : ObjectFile.head(key, file.get());
    }

    @Override
    public boolean delete(BlobKey key) throws IOException {
        Optional<Path> file = existingObjectFile(key);
        if (file.isEmpty() || !Files.deleteIfExists(file.get())) {
            return false;
        }
        pruneEmptyParents(file.get().getParent());
        return true;
    }

    /** Removes folders left empty, so that their names are free for objects again. */
    private void pruneEmptyParents(Path directory) throws IOException {
        while (!directory.equals(objects) && directory.startsWith(objects)) {
            try {
                Files.delete(directory);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return; // still in use, or pruned by someone else
            }
            directory = directory.getParent();
        }
    }

    @Override
    public BlobPage list(String prefix, int pageSize, String pageToken) throws IOException {
        BlobKey.requireValidPrefix(prefix);
        BlobStore.requireValidPageSize(pageSize);
        List<BlobKey> keys = keysUnder(prefix).stream()
                .filter(key -> pageToken == null || BlobKey.compareCodePoints(key.value(), pageToken) > 0)
                .sorted()
                .toList();
        List<BlobInfo> page = new ArrayList<>(pageSize);
        int next = 0;
        while (next < keys.size() && page.size() < pageSize) {
            BlobKey key = keys.get(next++);
            try {
                head(key).ifPresent(page::add); // absent: deleted since the walk
            } catch (IOException e) {
                LOG.warnf("skipping %s in listing: %s", key, e.getMessage());
            }
        }
        boolean more = next < keys.size();
        return new BlobPage(page, more ? Optional.of(keys.get(next - 1).value()) : Optional.empty());
    }

    /** Keys of all regular files under the deepest folder the prefix names; links are not followed. */
    private List<BlobKey> keysUnder(String prefix) throws IOException {
        Path start = objects;
        int lastSlash = prefix.lastIndexOf('/');
        if (lastSlash >= 0) {
            start = confined(objects.resolve(prefix.substring(0, lastSlash)), prefix);
        }
        try {
            if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS) || !start.toRealPath().startsWith(objects)) {
                return List.of();
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        Path root = start;
        List<BlobKey> keys = new ArrayList<>();
        // walkFileTree does not follow links: a link is visited as a link (neither file nor folder).
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                // Skip folders that cannot hold a matching key, e.g. "a/c" when listing "a/b".
                return dir.equals(root) || (nameOf(dir) + "/").startsWith(prefix)
                        ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = nameOf(file);
                if (attrs.isRegularFile() && name.startsWith(prefix)) {
                    if (BlobKey.isValid(name)) {
                        keys.add(BlobKey.of(name));
                    } else {
                        LOG.warnf("skipping %s in listing: not a valid key", file);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted while we walked
                }
                throw e;
            }
        });
        return keys;
    }

    /** The key-style name of a path in the tree: relative, '/'-separated. */
    private String nameOf(Path path) {
        return objects.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    /**
     * The object file of {@code key} when a regular file is there and every folder on the way is
     * a real folder inside the tree; empty otherwise.
     */
    private Optional<Path> existingObjectFile(BlobKey key) throws IOException {
        Path path = pathOf(key);
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        // The file itself is opened without following links; its folders must not be links
        // leading elsewhere either.
        try {
            if (!path.getParent().toRealPath().startsWith(objects)) {
                LOG.warnf("refusing %s: its folder leads outside %s", key, objects);
                return Optional.empty();
            }
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted meanwhile
        }
        return Optional.of(path);
    }

    /** Where {@code key} lives; normalized and checked to be inside the tree. */
    private Path pathOf(BlobKey key) {
        return confined(objects.resolve(key.value()), key.value());
    }

    private Path confined(Path path, String key) {
        Path normalized = path.normalize();
        // A valid key never fails this; it is the second wall should key validation ever miss.
        if (!normalized.startsWith(objects) || normalized.equals(objects)) {
            throw new InvalidBlobKeyException("invalid blob key \"" + key + "\": leads outside the store");
        }
        return normalized;
    }

    private void removeStaleTempFiles() throws IOException {
        FileTime cutoff = FileTime.from(clock.instant().minus(STALE_TEMP_AGE));
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path file : files.toList()) {
                try {
                    if (Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).compareTo(cutoff) < 0) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    LOG.debugf(e, "could not remove stale temporary file %s", file);
                }
            }
        }
    }
}
