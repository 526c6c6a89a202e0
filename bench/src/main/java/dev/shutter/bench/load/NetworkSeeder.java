package dev.shutter.bench.load;

import dev.shutter.bench.ConcurrentLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the synthetic network through the public API only: accounts, a follow graph with
 * power-law follower counts (a few celebrities over the threshold), and every account's first
 * photo posts, uploaded through the signed URLs and waited for until processed.
 */
final class NetworkSeeder {

    static final int CONCURRENCY = 8;
    static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final ApiClient api;
    private final Sessions sessions;
    private final PhotoPoster poster;
    private final LoadOptions options;
    private final ProgressLine progress;

    NetworkSeeder(ApiClient api, Sessions sessions, PhotoPoster poster, LoadOptions options, ProgressLine progress) {
        this.api = api;
        this.sessions = sessions;
        this.poster = poster;
        this.options = options;
        this.progress = progress;
    }

    Network seed(Random random) throws InterruptedException {
        // Unique per run, so a second run on the same stack (data kept) makes new accounts.
        String run = Long.toString(System.currentTimeMillis() / 1000 % 100_000_000L, 36);
        Account[] accounts = new Account[options.users()];
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        stage("accounts", options.users(), done, () -> {
            ConcurrentLoad.run(CONCURRENCY, options.users(), i -> {
                String username = "l" + run + "_" + i;
                ApiClient.Answer created = api.call("POST /v1/accounts", "POST", "/v1/accounts", null, Map.of(
                        "username", username, "email", username + "@load.example", "password", Network.PASSWORD,
                        "displayName", "Load " + i));
                if (created.status() != 201) {
                    failure.compareAndSet(null, "POST /v1/accounts answered " + created.status() + " " + created.body());
                    throw new IllegalStateException();
                }
                accounts[i] = new Account(i, created.body().path("userId").asText(), username, sessions.signIn(username));
                done.incrementAndGet();
            });
        });
        requireNoFailure(failure);
        Network network = new Network(List.of(accounts));

        int[] followerCounts = FollowerCounts.draw(options.users(), options.celebrities(), options.celebrityThreshold(), random);
        List<int[]> edges = new ArrayList<>(); // {follower, followee}
        List<Integer> others = new ArrayList<>();
        for (int followee = 0; followee < options.users(); followee++) {
            others.clear();
            for (int i = 0; i < options.users(); i++) {
                if (i != followee) {
                    others.add(i);
                }
            }
            Collections.shuffle(others, random);
            for (int k = 0; k < followerCounts[followee]; k++) {
                edges.add(new int[] {others.get(k), followee});
            }
        }
        Collections.shuffle(edges, random);
        done.set(0);
        stage("follows", edges.size(), done, () -> {
            ConcurrentLoad.run(CONCURRENCY * 2, edges.size(), i -> {
                Account follower = accounts[edges.get(i)[0]];
                Account followee = accounts[edges.get(i)[1]];
                ApiClient.Answer answer = api.call("PUT /v1/users/{id}/follow", "PUT",
                        "/v1/users/" + followee.userId + "/follow", sessions.tokenOf(follower), null);
                if (!answer.ok()) {
                    failure.compareAndSet(null, "PUT follow answered " + answer.status() + " " + answer.body());
                    throw new IllegalStateException();
                }
                follower.following.add(followee.userId);
                followee.followers.add(follower);
                done.incrementAndGet();
            });
        });
        requireNoFailure(failure);
        network.follows = edges.size();

        int posts = options.users() * options.postsPerUser();
        Set<String> pending = ConcurrentHashMap.newKeySet();
        Map<String, Account> authors = new ConcurrentHashMap<>();
        done.set(0);
        stage("photo posts uploaded", posts, done, () -> {
            ConcurrentLoad.run(CONCURRENCY, posts, i -> {
                Account author = accounts[i % options.users()];
                PhotoPoster.Posted posted = poster.post(author, new Random(random.nextLong() ^ i));
                if (posted == null) {
                    failure.compareAndSet(null, "a seed post could not be created or uploaded");
                    throw new IllegalStateException();
                }
                pending.add(posted.postId());
                authors.put(posted.postId(), author);
                done.incrementAndGet();
            });
        });
        requireNoFailure(failure);
        awaitProcessed(network, pending, authors);
        return network;
    }

    private void awaitProcessed(Network network, Set<String> pending, Map<String, Account> authors) throws InterruptedException {
        int total = pending.size();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!pending.isEmpty()) {
            for (String postId : List.copyOf(pending)) {
                ApiClient.Answer post = api.call("GET /v1/posts/{id}", "GET", "/v1/posts/" + postId,
                        sessions.tokenOf(authors.get(postId)), null);
                String status = post.body().path("status").asText();
                if (status.equals("ready")) {
                    pending.remove(postId);
                    network.readyPosts.add(postId);
                } else if (status.equals("failed")) {
                    throw new IllegalStateException("seed post " + postId + " failed: " + post.body().path("failureReason"));
                }
            }
            progress.show("seed: photo posts processed " + (total - pending.size()) + "/" + total);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.size() + " seed posts still not processed after "
                        + READY_TIMEOUT.toMinutes() + " min");
            }
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
        progress.done("seed: " + total + " photo posts processed");
    }

    private void stage(String what, int total, AtomicInteger done, Stage body) throws InterruptedException {
        long start = System.nanoTime();
        Thread ticker = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                progress.show("seed: " + what + " " + done.get() + "/" + total);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            body.run();
        } finally {
            ticker.interrupt();
            ticker.join();
        }
        progress.done("seed: %d %s (%.1f s)".formatted(done.get(), what, (System.nanoTime() - start) / 1e9));
    }

    @FunctionalInterface
    private interface Stage {
        void run() throws InterruptedException;
    }

    private static void requireNoFailure(AtomicReference<String> failure) {
        if (failure.get() != null) {
            throw new IllegalStateException("seeding failed: " + failure.get());
        }
    }
}
