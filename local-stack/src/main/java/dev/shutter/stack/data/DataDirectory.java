package dev.shutter.stack.data;

import dev.shutter.stack.StackFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The one directory a local stack keeps everything in, so that data survives a restart and
 * {@code --fresh} can wipe it all:
 *
 * <pre>
 * {dir}/.shutter-stack     marks it as a stack's directory (--fresh wipes nothing else)
 * {dir}/stack.lock         held while a stack runs on it (two stacks on one database would corrupt it)
 * {dir}/postgres/          PostgreSQL's data directory
 * {dir}/redis/             Redis' append-only file (timelines, counters, event streams)
 * {dir}/blobs/raw/         the raw uploads bucket, with its signing key
 * {dir}/blobs/media/       the media bucket, with its signing key
 * {dir}/blobs/models/      the model store (platform/model-contract's ModelStore.local): versions at
 *                          objects/models/{name}/{version}/; ml-models publishes there, explore-service reads
 * {dir}/ml/                ml-models' bootstrap: the synthetic dataset and trained model directory
 *                          (with its report) of the first release, one folder per attempt
 * {dir}/services/{name}/   each service's own state (post-service: its JWT keys)
 * {dir}/logs/{name}.log    each process' output (logs/ml-bootstrap.log: the first release's training)
 * </pre>
 */
public final class DataDirectory implements AutoCloseable {

    static final String MARKER = ".shutter-stack";
    static final String LOCK = "stack.lock";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes the directory for one stack, creating it when missing; with {@code fresh}, empties it
     * first. Refuses a directory that holds other things than a stack's data, and one that
     * another running stack holds.
     */
    public static DataDirectory open(Path dir, boolean fresh) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(root) && !isEmpty(root) && !Files.exists(root.resolve(MARKER))) {
                throw new StackFailure(root + " is not a Shutter data directory (it has no " + MARKER
                        + " file) and is not empty: choose another with --data-dir");
            }
            Files.createDirectories(root);
            FileChannel channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException heldByThisProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new StackFailure("another Shutter stack is running on " + root
                        + ": stop it first (Ctrl-C in its terminal) or use another --data-dir");
            }
            DataDirectory data = new DataDirectory(root, channel, lock);
            if (fresh) {
                data.wipe();
            }
            Files.writeString(root.resolve(MARKER), "Data of a local Shutter stack (./shutter up). --fresh deletes it all.\n");
            for (Path sub : new Path[] {data.postgres(), data.redis(), data.rawBucket(), data.mediaBucket(), data.modelBucket(),
                    data.search(), data.logs()}) {
                Files.createDirectories(sub);
            }
            return data;
        } catch (IOException e) {
            throw new StackFailure("cannot use the data directory " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path redis() {
        return root.resolve("redis");
    }

    /** The search node's indexes (OpenSearch's data and config). */
    public Path search() {
        return root.resolve("opensearch");
    }

    public Path rawBucket() {
        return root.resolve("blobs/raw");
    }

    public Path mediaBucket() {
        return root.resolve("blobs/media");
    }

    /** The model store's bucket: what ml-models publishes into and explore-service loads from. */
    public Path modelBucket() {
        return root.resolve("blobs/models");
    }

    /** Where ml-models' bootstrap trains the first release (its dataset, model directory and report). */
    public Path modelTraining() {
        return root.resolve("ml");
    }

    public Path service(String name) {
        return root.resolve("services").resolve(name);
    }

    /** The key the services sign their calls to each other with (made by the first to start). */
    public Path serviceKey() {
        return root.resolve("keys/service.key");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    /** Whether PostgreSQL has been initialised here before (a restart rather than a first start). */
    public boolean hasDatabase() {
        return Files.exists(postgres().resolve("PG_VERSION"));
    }

    /** Everything but the lock this process holds. */
    private void wipe() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().equals(LOCK)) {
                    deleteTree(child);
                }
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
