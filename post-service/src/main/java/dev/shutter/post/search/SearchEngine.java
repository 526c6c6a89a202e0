package dev.shutter.post.search;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.hibernate.search.backend.elasticsearch.ElasticsearchBackend;
import org.hibernate.search.backend.elasticsearch.ElasticsearchExtension;
import org.hibernate.search.backend.elasticsearch.schema.management.ElasticsearchIndexSchemaExport;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;

/**
 * The search engine as the indexer needs it: Hibernate Search writes whole documents (bulk, through
 * each index's write alias); what Hibernate Search has no API for goes to the engine's REST API
 * through the same client (partial updates of scores, deleting an author's posts, the aliases of
 * a rebuild). Every call blocks: call from a worker thread.
 *
 * <p>Index layout (Hibernate Search's "simple" layout): the index {@code posts-000001} behind the
 * aliases {@code posts-write} and {@code posts-read}; a rebuild creates the next one and moves them.
 */
@ApplicationScoped
public class SearchEngine {

    private final SearchMapping mapping;

    SearchEngine(SearchMapping mapping) {
        this.mapping = mapping;
    }

    /** Creates the indexes with their mappings, analyzers and aliases when they do not exist yet. */
    public void createIfMissing() {
        mapping.scope(Object.class).schemaManager().createIfMissing();
    }

    /** One bulk write: documents added or replaced, and deleted by ID (a missing one is no failure). */
    public void write(IndexChanges changes) {
        if (changes.isEmpty()) {
            return;
        }
        try (SearchSession session = mapping.createSession()) {
            var plan = session.indexingPlan();
            changes.posts().forEach(plan::addOrUpdate);
            changes.deletedPosts().forEach(id -> plan.purge(PostDocument.class, id, null));
            changes.users().forEach(plan::addOrUpdate);
            changes.deletedUsers().forEach(id -> plan.purge(UserDocument.class, id, null));
        }
    }

    /** Partial updates of indexed posts' counts and top score, in one bulk; posts not in the index stay out. */
    public void updateScores(Collection<PostDocument> scores) {
        if (scores.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder();
        for (PostDocument post : scores) {
            JsonObject doc = new JsonObject();
            doc.addProperty("likes", post.likes);
            doc.addProperty("comments", post.comments);
            doc.addProperty("saves", post.saves);
            doc.addProperty(PostDocument.TOP_SCORE, post.topScore);
            JsonObject update = new JsonObject();
            JsonObject target = new JsonObject();
            target.addProperty("_id", Long.toString(post.postId));
            update.add("update", target);
            JsonObject partial = new JsonObject();
            partial.add("doc", doc);
            body.append(update).append('\n').append(partial).append('\n');
        }
        JsonObject response = send("POST", alias(PostDocument.INDEX, "write") + "/_bulk", body.toString(), "application/x-ndjson");
        if (response.get("errors").getAsBoolean()) {
            for (var item : response.getAsJsonArray("items")) {
                JsonObject result = item.getAsJsonObject().getAsJsonObject("update");
                int status = result.get("status").getAsInt();
                // 404: the post left the index (deleted, private) since; a score never brings it back.
                if (status != 404 && status >= 300) {
                    throw new IllegalStateException("score update of post " + result.get("_id") + " failed: " + result.get("error"));
                }
            }
        }
    }

    /** Removes every indexed post of these accounts (turned private, erased). */
    public void deletePostsOf(Collection<Long> authorIds) {
        if (authorIds.isEmpty()) {
            return;
        }
        JsonArray ids = new JsonArray();
        authorIds.forEach(ids::add);
        JsonObject terms = new JsonObject();
        terms.add(PostDocument.AUTHOR_ID, ids);
        JsonObject query = new JsonObject();
        query.add("terms", terms);
        JsonObject body = new JsonObject();
        body.add("query", query);
        send("POST", alias(PostDocument.INDEX, "write") + "/_delete_by_query?conflicts=proceed&refresh=true",
                body.toString(), "application/json");
    }

    /** The create-index body Hibernate Search expects for {@code index} (mappings, settings), without aliases. */
    JsonObject expectedSchema(String index) {
        List<JsonObject> bodies = new ArrayList<>();
        mapping.scope(Object.class).schemaManager().exportExpectedSchema((backend, name, export) -> {
            if (name.equals(index)) {
                bodies.addAll(export.extension(ElasticsearchExtension.get()).bodyParts());
            }
        });
        JsonObject body = bodies.getFirst().deepCopy();
        body.remove("aliases");
        return body;
    }

    /** The index an alias points to now, if any. */
    Optional<String> indexOf(String alias) {
        try {
            JsonObject aliases = send("GET", "/_alias/" + alias, null, null);
            return aliases.keySet().stream().findFirst();
        } catch (EngineRequestFailed e) {
            if (e.status == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static String alias(String index, String use) {
        return "/" + index + "-" + use;
    }

    /** One REST call; the parsed JSON answer. */
    JsonObject send(String method, String path, String body, String contentType) {
        Request request = new Request(method, path);
        if (body != null) {
            request.setEntity(new NStringEntity(body, ContentType.create(contentType, StandardCharsets.UTF_8)));
        }
        try {
            Response response = client().performRequest(request);
            String text = response.getEntity() == null ? "{}" : EntityUtils.toString(response.getEntity());
            return text.isBlank() ? new JsonObject() : JsonParser.parseString(text).getAsJsonObject();
        } catch (ResponseException e) {
            throw new EngineRequestFailed(e.getResponse().getStatusLine().getStatusCode(), method + " " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("search engine: " + method + " " + path + " failed", e);
        }
    }

    private RestClient client() {
        return mapping.backend().unwrap(ElasticsearchBackend.class).client(RestClient.class);
    }

    /** The engine answered a REST call with an error status. */
    static final class EngineRequestFailed extends RuntimeException {
        final int status;

        EngineRequestFailed(int status, String call, Throwable cause) {
            super("search engine answered " + status + " to " + call, cause);
            this.status = status;
        }
    }
}
