package dev.shutter.feed.feed;

import dev.shutter.contracts.redis.SharedRedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Engagement scores explore-service writes ({@link SharedRedisKeys#engagement}, a number in [0, 1]),
 * read for all of a reader's candidates in one pipeline. A post without one scores 0.
 */
@ApplicationScoped
public class EngagementScores {

    private static final Logger LOG = Logger.getLogger(EngagementScores.class);

    private final Redis redis;

    EngagementScores(Redis redis) {
        this.redis = redis;
    }

    public Uni<Map<Long, Double>> of(List<Long> postIds) {
        if (postIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // One GET per post in one pipeline: the keys spread over cluster slots, which MGET refuses.
        List<Request> gets = new ArrayList<>(postIds.size());
        postIds.forEach(id -> gets.add(Request.cmd(Command.GET).arg(SharedRedisKeys.engagement(id))));
        return redis.batch(gets).map(answers -> {
            Map<Long, Double> scores = new HashMap<>();
            for (int i = 0; i < postIds.size(); i++) {
                Response answer = answers.get(i);
                if (answer != null) {
                    parse(postIds.get(i), answer.toString(), scores);
                }
            }
            return scores;
        });
    }

    private static void parse(long postId, String value, Map<Long, Double> scores) {
        try {
            scores.put(postId, Double.parseDouble(value));
        } catch (NumberFormatException e) {
            LOG.debugf("engagement:%d is not a number (%s); scored 0", postId, value);
        }
    }
}
