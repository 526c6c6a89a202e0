package dev.shutter.bench.load;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A seeded user: its session, whom it follows and who follows it (as the generator made them). */
final class Account {

    final int index;
    final String userId;
    final String username;
    volatile String accessToken;
    volatile long tokenIssuedNanos;
    final Set<String> following = ConcurrentHashMap.newKeySet();
    final List<Account> followers = new CopyOnWriteArrayList<>();

    Account(int index, String userId, String username, String accessToken) {
        this.index = index;
        this.userId = userId;
        this.username = username;
        this.accessToken = accessToken;
        this.tokenIssuedNanos = System.nanoTime();
    }
}
