package dev.shutter.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.ids.Snowflake;
import dev.shutter.processes.ServiceProcess;
import dev.shutter.testsupport.ServiceJars;
import dev.shutter.testsupport.TestPostgres;
import dev.shutter.testsupport.TestOpenSearch;
import dev.shutter.testsupport.TestRedis;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two post-service instances on one database, both writing at once: each leases its own ID
 * worker, so accounts and posts made in the same millisecond on the same shard never collide.
 */
class TwoPostServicesTest {

    private static final int PER_INSTANCE = 120;
    private static final Path JAR = Path.of(System.getProperty("shutter.postService.jar",
            "../post-service/target/quarkus-app/quarkus-run.jar"));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void accountsAndPostsMadeOnBothAtOnceNeverCollide() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        String database = postgres.database("two_post_services");
        Path dataDir = Files.createTempDirectory("two-post-services-");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.redis.hosts", TestRedis.shared().uri());
        config.put("quarkus.hibernate-search-standalone.elasticsearch.hosts", TestOpenSearch.shared().hosts());
        // One data directory: both sign and verify access tokens with the same key.
        config.put("shutter.data-dir", dataDir.toString());
        config.put("shutter.jwt.generate-if-missing", "true");
        for (String limit : List.of("posts-per-window", "sign-ins-per-address", "sign-ups-per-address", "refreshes-per-address")) {
            config.put("shutter.limits." + limit, "1000000");
        }
        config.put("quarkus.log.level", "WARN");
        try (ServiceProcess first = ServiceJars.start("post-service", JAR, config, List.of());
                ServiceProcess second = ServiceJars.start("post-service", JAR, config, List.of());
                ExecutorService clients = Executors.newFixedThreadPool(8)) {
            String author = signUpAndIn(first.baseUri(), "both_author");

            List<Future<String>> users = new ArrayList<>();
            List<Future<String>> postsOnFirst = new ArrayList<>();
            List<Future<String>> postsOnSecond = new ArrayList<>();
            for (int i = 0; i < PER_INSTANCE; i++) {
                int n = i;
                users.add(clients.submit(() -> signUp(first.baseUri(), "one_" + n)));
                users.add(clients.submit(() -> signUp(second.baseUri(), "two_" + n)));
                // One author: every post lands on the same shard, the case where only the worker tells them apart.
                postsOnFirst.add(clients.submit(post(first.baseUri(), author)));
                postsOnSecond.add(clients.submit(post(second.baseUri(), author)));
            }

            assertThat(distinct(users)).hasSize(2 * PER_INSTANCE);
            Set<String> first0 = distinct(postsOnFirst);
            Set<String> second0 = distinct(postsOnSecond);
            Set<String> all = new HashSet<>(first0);
            all.addAll(second0);
            assertThat(all).hasSize(2 * PER_INSTANCE);
            Set<Integer> firstWorkers = workers(first0);
            Set<Integer> secondWorkers = workers(second0);
            assertThat(firstWorkers).hasSize(1);
            assertThat(secondWorkers).hasSize(1).doesNotContainAnyElementsOf(firstWorkers);
            assertThat(firstWorkers.iterator().next()).isLessThan(Snowflake.MAX_WORKER);
        }
    }

    private static Set<String> distinct(List<Future<String>> ids) throws Exception {
        Set<String> seen = new HashSet<>();
        for (Future<String> id : ids) {
            seen.add(id.get());
        }
        return seen;
    }

    private static Set<Integer> workers(Set<String> ids) {
        Set<Integer> workers = new HashSet<>();
        ids.forEach(id -> workers.add(Snowflake.workerOf(Long.parseLong(id))));
        return workers;
    }

    private String signUp(URI base, String username) throws IOException, InterruptedException {
        return send(base, "/v1/accounts", null, new JsonObject().put("username", username)
                .put("email", username + "@two.example").put("password", "two instances 123"), 201).getString("userId");
    }

    private String signUpAndIn(URI base, String username) throws IOException, InterruptedException {
        signUp(base, username);
        return send(base, "/v1/sessions", null, new JsonObject().put("username", username)
                .put("password", "two instances 123"), 200).getString("accessToken");
    }

    private Callable<String> post(URI base, String token) {
        return () -> send(base, "/v1/posts", token, new JsonObject().put("caption", "both at once")
                .put("media", new JsonArray().add(new JsonObject().put("mimeType", "image/jpeg").put("sizeBytes", 1000))), 201)
                .getString("postId");
    }

    private JsonObject send(URI base, String path, String token, JsonObject body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", path, base, response.body()).isEqualTo(expected);
        return new JsonObject(response.body());
    }
}
