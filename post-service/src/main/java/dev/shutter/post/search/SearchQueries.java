package dev.shutter.post.search;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shutter.rest.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hibernate.search.backend.elasticsearch.ElasticsearchExtension;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.util.common.SearchException;
import org.jboss.logging.Logger;

/**
 * The engine's read side through Hibernate Search: hashtag pages, tag suggestions and user search.
 * Pages continue with {@code search_after} on the sort values of the last hit (Hibernate Search
 * has no API for it: a request transformer adds it), each sort ending in a unique ID so no two hits
 * tie. Calls block: run them on a worker. An engine that cannot answer is a 503, never a 500.
 */
@ApplicationScoped
public class SearchQueries {

    private static final Logger LOG = Logger.getLogger(SearchQueries.class);

    /** One hit: the document's ID and the sort values that continue after it. */
    public record Hit(long id, JsonArray sortValues) {}

    /** A tag suggestion: the tag and how many indexed (public, ready) posts carry it. */
    public record TagCount(String tag, long postCount) {}

    public enum PostOrder { RECENT, TOP }

    private final SearchMapping mapping;
    private final SearchConfig config;

    SearchQueries(SearchMapping mapping, SearchConfig config) {
        this.mapping = mapping;
        this.config = config;
    }

    /** Posts carrying {@code tag}, in {@code order}, after {@code after} (null for the first page). */
    public List<Hit> postsTagged(String tag, PostOrder order, JsonArray after, int size) {
        return engine(() -> {
            try (SearchSession session = mapping.createSession()) {
                List<JsonObject> hits = session.search(PostDocument.class)
                        .extension(ElasticsearchExtension.get())
                        .select(f -> f.jsonHit())
                        .where(f -> f.match().field(PostDocument.HASHTAGS).matching(tag))
                        .sort(f -> order == PostOrder.RECENT
                                ? f.field(PostDocument.PUBLISHED_AT).desc().then().field(PostDocument.POST_ID).desc()
                                : f.field(PostDocument.TOP_SCORE).desc().then().field(PostDocument.POST_ID).desc())
                        .requestTransformer(context -> continueAfter(context.body(), after))
                        .fetchHits(size);
                return hits(hits);
            }
        });
    }

    /** The most used tags starting with {@code prefix}; counts are exact (one shard). */
    public List<TagCount> tagsStartingWith(String prefix, int size) {
        return engine(() -> {
            try (SearchSession session = mapping.createSession()) {
                JsonObject body = session.search(PostDocument.class)
                        .extension(ElasticsearchExtension.get())
                        .select(f -> f.id())
                        .where(f -> f.wildcard().field(PostDocument.HASHTAGS).matching(prefix + "*"))
                        .requestTransformer(context -> context.body().add("aggs", tagAggregation(prefix, size)))
                        .fetch(0)
                        .responseBody();
                List<TagCount> tags = new ArrayList<>();
                for (JsonElement bucket : body.getAsJsonObject("aggregations").getAsJsonObject("tags").getAsJsonArray("buckets")) {
                    JsonObject tagBucket = bucket.getAsJsonObject();
                    tags.add(new TagCount(tagBucket.get("key").getAsString(), tagBucket.get("doc_count").getAsLong()));
                }
                return tags;
            }
        });
    }

    /**
     * Accounts whose username or a word of whose display name starts with the words of {@code
     * query}: the exact username first, then accounts in {@code followed}, then by follower count.
     * The score encodes the first two (constant scores), so it sorts and pages like a field.
     */
    public List<Hit> users(String query, Collection<Long> followed, JsonArray after, int size) {
        return engine(() -> {
            try (SearchSession session = mapping.createSession()) {
                List<JsonObject> hits = session.search(UserDocument.class)
                        .extension(ElasticsearchExtension.get())
                        .select(f -> f.jsonHit())
                        .where(f -> {
                            var matches = f.or(
                                    f.match().field(UserDocument.USERNAME_PREFIX).matching(query).minimumShouldMatchPercent(100),
                                    f.match().field(UserDocument.DISPLAY_NAME_PREFIX).matching(query)
                                            .minimumShouldMatchPercent(100));
                            var bool = f.bool()
                                    .must(matches.constantScore().boost(1f))
                                    .should(f.match().field(UserDocument.USERNAME).matching(query).constantScore()
                                            .boost(UserRank.EXACT_USERNAME));
                            if (!followed.isEmpty()) {
                                bool.should(f.terms().field(UserDocument.USER_ID).matchingAny(followed).constantScore()
                                        .boost(UserRank.FOLLOWED));
                            }
                            return bool;
                        })
                        .sort(f -> f.score().then().field(UserDocument.FOLLOWER_COUNT).desc()
                                .then().field(UserDocument.USER_ID).asc())
                        .requestTransformer(context -> continueAfter(context.body(), after))
                        .fetchHits(size);
                return hits(hits);
            }
        });
    }

    private static void continueAfter(JsonObject body, JsonArray after) {
        body.addProperty("_source", false);
        body.addProperty("track_total_hits", false);
        if (after != null) {
            body.add("search_after", after);
        }
    }

    private static JsonObject tagAggregation(String prefix, int size) {
        JsonArray order = new JsonArray();
        JsonObject byCount = new JsonObject();
        byCount.addProperty("_count", "desc");
        JsonObject byKey = new JsonObject();
        byKey.addProperty("_key", "asc");
        order.add(byCount);
        order.add(byKey);
        JsonObject terms = new JsonObject();
        terms.addProperty("field", PostDocument.HASHTAGS);
        // Tags are letters, marks, digits and underscores only (Caption.tagPrefix): nothing to escape.
        terms.addProperty("include", prefix + ".*");
        terms.addProperty("size", size);
        terms.add("order", order);
        JsonObject tags = new JsonObject();
        tags.add("terms", terms);
        JsonObject aggs = new JsonObject();
        aggs.add("tags", tags);
        return aggs;
    }

    private static List<Hit> hits(List<JsonObject> hits) {
        return hits.stream().map(hit -> new Hit(Long.parseLong(hit.get("_id").getAsString()), hit.getAsJsonArray("sort"))).toList();
    }

    private <T> T engine(java.util.function.Supplier<T> query) {
        try {
            return query.get();
        } catch (SearchException e) {
            LOG.warnf("Search engine query failed (503): %s", e.getMessage());
            throw ProblemException.unavailable("Search is unavailable right now; try again shortly.", config.retryAfter());
        }
    }
}
