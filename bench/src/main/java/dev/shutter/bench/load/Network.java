package dev.shutter.bench.load;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** The seeded network the mix runs on: accounts, and the posts known to be ready (what likes go to). */
final class Network {

    static final String PASSWORD = "load password 123";

    final List<Account> accounts;
    final List<String> readyPosts = new CopyOnWriteArrayList<>();
    final Ledger ledger = new Ledger();
    long follows;

    Network(List<Account> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    Account randomAccount(Random random) {
        return accounts.get(random.nextInt(accounts.size()));
    }
}
