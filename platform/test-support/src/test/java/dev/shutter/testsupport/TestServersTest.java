package dev.shutter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestServersTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void redisAnswersAndComesBackOnTheSamePortAfterAStop() throws IOException {
        TestRedis redis = TestRedis.shared();
        assertThat(ping(redis.port())).isEqualTo("+PONG");

        redis.stop();
        assertThatThrownBy(() -> ping(redis.port())).isInstanceOf(IOException.class);
        redis.start();

        assertThat(ping(redis.port())).isEqualTo("+PONG");
        assertThat(TestRedis.shared()).isSameAs(redis);
    }

    @Test
    void postgresIsVersion17AndKeepsDatabasesApart() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        String db = postgres.database("servers_test");
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(db), TestPostgres.USER, TestPostgres.PASSWORD)) {
            ResultSet version = c.createStatement().executeQuery("SHOW server_version_num");
            version.next();
            assertThat(version.getInt(1)).isBetween(170000, 179999);
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS probe (id bigint PRIMARY KEY)");
        }
        try (Connection other = DriverManager.getConnection(postgres.jdbcUrl(postgres.database("servers_test_other")),
                TestPostgres.USER, TestPostgres.PASSWORD)) {
            ResultSet tables = other.createStatement().executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'probe'");
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }

    @Test
    void openSearchIs35AndKeepsItsDataAcrossAStop() throws Exception {
        TestOpenSearch search = TestOpenSearch.shared();
        assertThat(get(search.uri() + "/")).contains("\"number\" : \"3.5.0\"");
        put(search.uri() + "/servers-test", "{\"settings\": {\"number_of_replicas\": 0}}");

        search.stop();
        assertThat(search.answers()).isFalse();
        search.start();

        assertThat(get(search.uri() + "/_cat/indices?h=index")).contains("servers-test");
        assertThat(TestOpenSearch.shared()).isSameAs(search);
    }

    @Test
    void openSearchHasKnnOnTheLuceneEngineWithFiltering() throws Exception {
        TestOpenSearch search = TestOpenSearch.shared();
        put(search.uri() + "/servers-test-knn", """
                {"settings": {"index": {"knn": true, "number_of_replicas": 0}},
                 "mappings": {"properties": {
                   "v": {"type": "knn_vector", "dimension": 2,
                         "method": {"name": "hnsw", "engine": "lucene", "space_type": "cosinesimil"}},
                   "author": {"type": "long"}}}}""");
        post(search.uri() + "/servers-test-knn/_bulk?refresh=true", "application/x-ndjson", """
                {"index": {"_id": "1"}}
                {"v": [1, 0], "author": 1}
                {"index": {"_id": "2"}}
                {"v": [0.9, 0.1], "author": 2}
                """);

        String hits = post(search.uri() + "/servers-test-knn/_search", "application/json", """
                {"query": {"knn": {"v": {"vector": [1, 0], "k": 1,
                   "filter": {"bool": {"must_not": [{"term": {"author": 1}}]}}}}}}""");

        assertThat(hits).contains("\"_id\":\"2\"").doesNotContain("\"_id\":\"1\"");
    }

    private static String post(String uri, String contentType, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String get(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void put(String uri, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String ping(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
