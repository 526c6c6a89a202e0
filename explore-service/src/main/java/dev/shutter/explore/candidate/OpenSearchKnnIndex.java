package dev.shutter.explore.candidate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The distributed adapter: one OpenSearch index per generation ({@code explore-items-<generation>}),
 * a {@code knn_vector} on the lucene engine's HNSW (cosine), the post id as the document id and
 * author and time as longs. The lucene engine filters inside the graph search, so a {@code knn}
 * query with a {@code filter} gets {@code k} posts that pass it.
 */
public final class OpenSearchKnnIndex implements AnnIndex {

    private static final String VECTOR = "vector";
    private static final String AUTHOR = "author_id";
    private static final String CREATED = "created_at";

    private final OpenSearchHttp http;
    private final OpenSearchKnnOptions options;
    private final String generation;
    private final int dimension;
    private final String name;
    private volatile boolean closed;

    private OpenSearchKnnIndex(OpenSearchHttp http, OpenSearchKnnOptions options, String generation, int dimension) {
        this.http = http;
        this.options = options;
        this.generation = generation;
        this.dimension = dimension;
        this.name = indexName(generation);
    }

    /** Index names are lowercase and take no {@code : / \ * ? " < > | , #} or spaces. */
    static String indexName(String generation) {
        return "explore-items-" + generation.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    /** The generation's index, created when it is not there; one there of another dimension is refused. */
    static OpenSearchKnnIndex open(OpenSearchHttp http, OpenSearchKnnOptions options, String generation, int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        OpenSearchKnnIndex index = new OpenSearchKnnIndex(http, options, generation, dimension);
        index.createIfAbsent();
        return index;
    }

    private void createIfAbsent() {
        OpenSearchHttp.Response created = http.send("PUT", "/" + name, indexDefinition());
        if (created.ok()) {
            return;
        }
        if (!created.errorType().equals("resource_already_exists_exception")) {
            throw new IllegalStateException("could not create the k-NN index " + name + ": " + created);
        }
        OpenSearchHttp.Response mapping = http.send("GET", "/" + name + "/_mapping", null);
        int existing = mapping.body().path(name).path("mappings").path("properties").path(VECTOR).path("dimension").asInt(-1);
        if (existing != dimension) {
            throw new IllegalStateException("the k-NN index " + name + " holds vectors of dimension " + existing
                    + ", not " + dimension);
        }
    }

    private ObjectNode indexDefinition() {
        ObjectNode definition = OpenSearchHttp.JSON.createObjectNode();
        ObjectNode settings = definition.putObject("settings").putObject("index");
        settings.put("knn", true);
        settings.put("number_of_shards", options.shards());
        settings.put("number_of_replicas", options.replicas());
        ObjectNode mappings = definition.putObject("mappings");
        mappings.put("dynamic", "strict");
        ObjectNode properties = mappings.putObject("properties");
        ObjectNode vector = properties.putObject(VECTOR);
        vector.put("type", "knn_vector");
        vector.put("dimension", dimension);
        ObjectNode method = vector.putObject("method");
        // The lucene engine is the one that runs without native libraries, and it filters efficiently.
        method.put("name", "hnsw").put("engine", "lucene").put("space_type", "cosinesimil");
        method.putObject("parameters").put("m", options.m()).put("ef_construction", options.efConstruction());
        properties.putObject(AUTHOR).put("type", "long");
        properties.putObject(CREATED).put("type", "long");
        return definition;
    }

    @Override
    public String generation() {
        return generation;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The OpenSearch index's name. */
    public String indexName() {
        return name;
    }

    @Override
    public void upsert(IndexedPost post, float[] vector) {
        requireDimension(vector);
        requireOpen();
        OpenSearchHttp.Response response = http.send("PUT", "/" + name + "/_doc/" + post.postId() + refresh("?"),
                document(post, vector));
        if (!response.ok()) {
            throw failure("upsert post " + post.postId(), response);
        }
    }

    /** Many upserts in one {@code _bulk} request: for filling a new generation. */
    public void upsertAll(List<IndexedPost> posts, List<float[]> vectors) {
        if (posts.size() != vectors.size()) {
            throw new IllegalArgumentException(posts.size() + " posts but " + vectors.size() + " vectors");
        }
        vectors.forEach(this::requireDimension);
        requireOpen();
        if (posts.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder(posts.size() * (dimension * 12 + 100));
        for (int i = 0; i < posts.size(); i++) {
            lines.append("{\"index\":{\"_id\":\"").append(posts.get(i).postId()).append("\"}}\n");
            lines.append(document(posts.get(i), vectors.get(i))).append('\n');
        }
        OpenSearchHttp.Response response = http.sendLines("/" + name + "/_bulk" + refresh("?"), lines.toString());
        if (!response.ok()) {
            throw failure("bulk upsert", response);
        }
        if (response.body().path("errors").asBoolean(false)) {
            for (JsonNode item : response.body().path("items")) {
                JsonNode result = item.path("index");
                int status = result.path("status").asInt(200);
                if (status >= 300) {
                    String message = "bulk upsert: post " + result.path("_id").asText() + " got " + status + " "
                            + result.path("error");
                    throw status >= 500 || status == 429
                            ? new AnnUnavailableException(message, null)
                            : new IllegalStateException(message);
                }
            }
        }
    }

    private ObjectNode document(IndexedPost post, float[] vector) {
        ObjectNode document = OpenSearchHttp.JSON.createObjectNode();
        ArrayNode values = document.putArray(VECTOR);
        for (float value : vector) {
            values.add(value);
        }
        document.put(AUTHOR, post.authorId());
        document.put(CREATED, post.createdAtMillis());
        return document;
    }

    @Override
    public void remove(long postId) {
        requireOpen();
        OpenSearchHttp.Response response = http.send("DELETE", "/" + name + "/_doc/" + postId + refresh("?"), null);
        // 404 with a result is a post that is not there; 404 with an error is a missing index.
        if (!response.ok() && !(response.status() == 404 && response.body().has("result"))) {
            throw failure("remove post " + postId, response);
        }
    }

    @Override
    public void removeAuthor(long authorId) {
        requireOpen();
        ObjectNode query = OpenSearchHttp.JSON.createObjectNode();
        query.putObject("query").putObject("term").put(AUTHOR, authorId);
        OpenSearchHttp.Response response = http.send("POST",
                "/" + name + "/_delete_by_query?conflicts=proceed" + refresh("&"), query);
        if (!response.ok()) {
            throw failure("remove author " + authorId, response);
        }
    }

    @Override
    public List<Neighbour> nearest(float[] query, int k, CandidateFilter filter) {
        requireDimension(query);
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        requireOpen();
        OpenSearchHttp.Response response = http.send("POST", "/" + name + "/_search", search(query, k, filter));
        if (!response.ok()) {
            throw failure("search", response);
        }
        List<Neighbour> found = new ArrayList<>(k);
        for (JsonNode hit : response.body().path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            // cosinesimil scores (1 + cosine) / 2.
            float cosine = (float) (2 * hit.path("_score").asDouble() - 1);
            found.add(new Neighbour(Long.parseLong(hit.path("_id").asText()), source.path(AUTHOR).asLong(),
                    source.path(CREATED).asLong(), cosine));
        }
        return found;
    }

    private ObjectNode search(float[] query, int k, CandidateFilter filter) {
        ObjectNode body = OpenSearchHttp.JSON.createObjectNode();
        body.put("size", k);
        body.put("track_total_hits", false);
        body.putObject("_source").putArray("includes").add(AUTHOR).add(CREATED);
        ObjectNode knn = body.putObject("query").putObject("knn").putObject(VECTOR);
        ArrayNode vector = knn.putArray("vector");
        for (float value : query) {
            vector.add(value);
        }
        // The knn query's k is the graph search's beam: ask for more than needed, keep the best k.
        knn.put("k", Math.max(k, options.minSearchBeam()));
        ObjectNode bool = knn.putObject("filter").putObject("bool");
        bool.putArray("filter").addObject().putObject("range").putObject(CREATED).put("gte", filter.notBeforeMillis());
        ArrayNode mustNot = bool.putArray("must_not");
        if (!filter.excludedAuthors().isEmpty()) {
            ArrayNode authors = mustNot.addObject().putObject("terms").putArray(AUTHOR);
            filter.excludedAuthors().forEach(authors::add);
        }
        if (!filter.excludedPosts().isEmpty()) {
            ArrayNode ids = mustNot.addObject().putObject("ids").putArray("values");
            filter.excludedPosts().forEach(id -> ids.add(Long.toString(id)));
        }
        return body;
    }

    /** Posts in the index as of its last refresh. */
    @Override
    public int size() {
        requireOpen();
        OpenSearchHttp.Response response = http.send("GET", "/" + name + "/_count", null);
        if (!response.ok()) {
            throw failure("count", response);
        }
        return response.body().path("count").asInt();
    }

    /** Makes every write so far visible to searches now. */
    public void refresh() {
        requireOpen();
        OpenSearchHttp.Response response = http.send("POST", "/" + name + "/_refresh", null);
        if (!response.ok()) {
            throw failure("refresh", response);
        }
    }

    /** Nothing to release here: the index stays in the cluster until {@link #drop}. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void drop() {
        closed = true;
        OpenSearchHttp.Response response = http.send("DELETE", "/" + name, null);
        if (!response.ok() && response.status() != 404) {
            throw failure("drop", response);
        }
    }

    private String refresh(String separator) {
        return options.refreshOnWrite() ? separator + "refresh=true" : "";
    }

    private RuntimeException failure(String what, OpenSearchHttp.Response response) {
        String message = what + " on the k-NN index " + name + " failed: " + response;
        // A missing index (dropped under us, a cluster restored without it) cannot answer: fall back.
        return response.errorType().equals("index_not_found_exception")
                ? new AnnUnavailableException(message, null)
                : new IllegalStateException(message);
    }

    private void requireOpen() {
        if (closed) {
            throw new AnnUnavailableException("the index of generation " + generation + " is closed", null);
        }
    }

    private void requireDimension(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector of dimension " + vector.length + " for an index of dimension "
                    + dimension + " (generation " + generation + ")");
        }
    }
}
