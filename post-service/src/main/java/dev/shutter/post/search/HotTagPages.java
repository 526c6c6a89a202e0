package dev.shutter.post.search;

import dev.shutter.events.CallerContext;
import dev.shutter.post.search.SearchQueries.PostOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Page 1 of each tag and sort, kept in Redis for {@code shutter.search.hot-tag-ttl} (30 s): a hot
 * tag's first page costs the engine one query per TTL, whatever the traffic. Only IDs and the
 * cursor are kept, never post content: every reader's page is still checked against the store and
 * hydrated for that reader. Redis failing only means asking the engine.
 *
 * <p>Key: {@code search:tag:{sort}:{limit}:{tag}} → {@code "id,id,...|nextCursor"}.
 */
@ApplicationScoped
public class HotTagPages {

    private static final Logger LOG = Logger.getLogger(HotTagPages.class);

    /** A page of post IDs and the cursor after it (null at the end). */
    public record IdPage(List<Long> ids, String nextCursor) {

        String encode() {
            return ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + "|" + (nextCursor == null ? "" : nextCursor);
        }

        static IdPage decode(String value) {
            int bar = value.indexOf('|');
            String ids = value.substring(0, bar);
            String next = value.substring(bar + 1);
            return new IdPage(ids.isEmpty() ? List.of() : Arrays.stream(ids.split(",")).map(Long::parseLong).toList(),
                    next.isEmpty() ? null : next);
        }
    }

    private final Redis redis;
    private final SearchConfig config;

    HotTagPages(Redis redis, SearchConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public Uni<IdPage> firstPage(String tag, PostOrder order, int limit, Supplier<Uni<IdPage>> search) {
        String key = "search:tag:" + order.name().toLowerCase() + ":" + limit + ":" + tag;
        // Back on the request's context afterwards: Hibernate Reactive keeps its session there.
        return CallerContext.resumeOnCaller(redis.send(Request.cmd(Command.GET).arg(key)))
                .map(response -> response == null ? null : IdPage.decode(response.toString()))
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Hot tag cache unreadable (asking the engine): %s", failure.toString());
                    return null;
                })
                .chain(cached -> cached != null ? Uni.createFrom().item(cached) : search.get().call(page -> store(key, page)));
    }

    private Uni<Response> store(String key, IdPage page) {
        return CallerContext.resumeOnCaller(redis.send(Request.cmd(Command.SET).arg(key).arg(page.encode()).arg("PX")
                        .arg(config.hotTagTtl().toMillis())))
                .onFailure().recoverWithNull();
    }
}
