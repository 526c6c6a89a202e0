package dev.shutter.explore.user;

import dev.shutter.explore.candidate.RetrievalGeneration;
import dev.shutter.explore.config.ExploreConfig;
import dev.shutter.explore.explore.ExploreKeys;
import dev.shutter.explore.item.ItemCatalog;
import dev.shutter.explore.model.LoadedModel;
import dev.shutter.explore.model.ModelInputs;
import dev.shutter.models.TwoTower;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A user's embedding by the serving user tower, from the item embeddings of their recent
 * engagements (newest first), kept in Redis under the tower's version until it is stale (an
 * engagement deletes it; it also expires). Empty when none of the history is in the index.
 */
@ApplicationScoped
public class UserEmbeddings {

    private final Redis redis;
    private final ExploreConfig config;

    UserEmbeddings(Redis redis, ExploreConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** Also gives the history's tag rows, which the ranker's tag affinity reads. */
    public record UserVector(float[] vector, long[][] historyTags) {}

    public Uni<Optional<UserVector>> of(long userId, List<Long> history, RetrievalGeneration generation, ItemCatalog catalog) {
        List<float[]> rows = new ArrayList<>();
        List<long[]> tags = new ArrayList<>();
        for (long postId : history) {
            if (rows.size() == TwoTower.HISTORY) {
                break;
            }
            Optional<float[]> vector = generation.vector(postId);
            if (vector.isPresent()) {
                rows.add(vector.get());
                tags.add(catalog.get(postId).map(item -> item.features().tags()).orElse(new long[0]));
            }
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        long[][] historyTags = tags.toArray(long[][]::new);
        String key = ExploreKeys.userEmbedding(userId);
        return redis.send(Request.cmd(Command.GET).arg(key))
                .map(cached -> decode(cached, generation.version()))
                .chain(cached -> cached.isPresent()
                        ? Uni.createFrom().item(cached)
                        : compute(generation, rows).call(vector -> vector.isEmpty() ? Uni.createFrom().voidItem()
                                : redis.send(Request.cmd(Command.SET).arg(key).arg(encode(generation.version(), vector.get()))
                                        .arg("EX").arg(config.userEmbeddingTtl().toSeconds())).replaceWithVoid()))
                .map(vector -> vector.map(v -> new UserVector(v, historyTags)));
    }

    /** The tower over the history rows, on a worker thread; empty when the tower was retired meanwhile. */
    private static Uni<Optional<float[]>> compute(RetrievalGeneration generation, List<float[]> rows) {
        return Uni.createFrom().item(() -> {
            LoadedModel tower = generation.userTower();
            if (!tower.acquire()) {
                return Optional.<float[]>empty();
            }
            try {
                int dimension = rows.getFirst().length;
                float[] history = new float[TwoTower.HISTORY * dimension];
                float[] mask = new float[TwoTower.HISTORY];
                for (int h = 0; h < rows.size(); h++) {
                    System.arraycopy(rows.get(h), 0, history, h * dimension, dimension);
                    mask[h] = 1;
                }
                return Optional.of(new ModelInputs()
                        .floats("history", history, 1, TwoTower.HISTORY, dimension)
                        .floats("history_mask", mask, 1, TwoTower.HISTORY)
                        .runOn(tower));
            } finally {
                tower.release();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static String encode(String version, float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES);
        bytes.asFloatBuffer().put(vector);
        return version + "|" + Base64.getEncoder().encodeToString(bytes.array());
    }

    static Optional<float[]> decode(Response cached, String version) {
        if (cached == null) {
            return Optional.empty();
        }
        String value = cached.toString();
        int bar = value.indexOf('|');
        if (bar < 0 || !value.substring(0, bar).equals(version)) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(value.substring(bar + 1)));
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(vector);
        return Optional.of(vector);
    }
}
