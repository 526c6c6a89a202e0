package dev.shutter.bench.story;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.bench.feed.FeedApi;
import dev.shutter.bench.feed.FeedSeed;
import dev.shutter.bench.feed.FeedSeed.Account;
import dev.shutter.events.redis.RedisStreamEventBus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Expiry lateness, on a run of post-service with {@code shutter.stories.ttl} of seconds: {@code
 * bench.stories.expiryWarmup} + {@code bench.stories.expiryStories} stories made live at {@code
 * bench.stories.expiryRate} a second by {@code bench.stories.expiryAuthors} authors, each followed
 * by {@code bench.stories.expiryFollowers} of {@code bench.stories.expiryReaders} readers. Every
 * reader's tray is polled without pause; from {@code bench.stories.expiryLeadMs} before its expiry,
 * each story's direct GET and a view (as one of its followers) are polled as fast as the pollers go,
 * until the story is gone from all three: a 404 on the GET and on the view, and absent from every
 * follower's tray, each asked after {@code expiresAt}. Each serving records when the request was
 * sent and when its answer was read; a story's lateness is how long after {@code expiresAt} the
 * last answer that served it was read (an upper bound: the service decided between the two). The
 * {@code X-Shutter-Expires} of {@code media.variants.story} is checked against {@code expiresAt} on
 * every serving. The warm-up stories (the service's first seconds) are polled but not counted.
 */
final class StoryExpiryBench {

    static final String TTL = System.getProperty("bench.stories.expiryTtl", "5s");
    static final String SWEEP = System.getProperty("bench.stories.expirySweep", "1s");
    static final int STORIES = Integer.getInteger("bench.stories.expiryStories", 1_000);
    static final int WARMUP = Integer.getInteger("bench.stories.expiryWarmup", 100);
    static final int AUTHORS = Integer.getInteger("bench.stories.expiryAuthors", 200);
    static final int READERS = Integer.getInteger("bench.stories.expiryReaders", 10);
    static final int FOLLOWERS = Integer.getInteger("bench.stories.expiryFollowers", 3);
    static final int RATE = Integer.getInteger("bench.stories.expiryRate", 50);
    static final long LEAD_MICROS = Long.getLong("bench.stories.expiryLeadMs", 500) * 1_000;
    static final int POLLERS = Integer.getInteger("bench.stories.expiryPollers", 6);
    static final int TRAY_POLLERS = Integer.getInteger("bench.stories.expiryTrayPollers", 2);
    static final int CREATORS = 2;
    /** A story not confirmed gone this long after expiry is given up on (and reported). */
    static final long GIVE_UP_MICROS = 20_000_000;
    /** Before its lead window, a story is asked for every this often, until it is seen live. */
    static final long LIVE_POLL_MICROS = 100_000;

    static final int TRAY = 0;
    static final int GET = 1;
    static final int VIEW = 2;
    private static final String[] SURFACES = {"tray", "GET", "view"};

    private StoryExpiryBench() {}

    /** One story and what the pollers saw of it (epoch microseconds). */
    private static final class Tracked {
        final int index;
        final long storyId;
        final long expiresMicros;
        final int[] followers;
        final long[] lastSent = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
        final long[] lastRead = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
        boolean getGone;
        boolean viewGone;
        int traysGone;
        int urls;
        int urlsBeyond;
        int withoutUrl;
        long maxGrantOverMicros = Long.MIN_VALUE;
        int hotGets;
        long firstHotGet;
        long lastHotGet;
        int nextFollower;

        Tracked(int index, long storyId, long expiresMicros, int[] followers) {
            this.index = index;
            this.storyId = storyId;
            this.expiresMicros = expiresMicros;
            this.followers = followers;
        }

        synchronized void served(int surface, long sent, long read, String storyUrl, boolean checkUrl) {
            lastSent[surface] = Math.max(lastSent[surface], sent);
            lastRead[surface] = Math.max(lastRead[surface], read);
            if (!checkUrl) {
                return;
            }
            if (storyUrl == null) {
                withoutUrl++;
                return;
            }
            urls++;
            long grant = grantExpiresSeconds(storyUrl) * 1_000_000L;
            maxGrantOverMicros = Math.max(maxGrantOverMicros, grant - expiresMicros);
            if (grant > expiresMicros) {
                urlsBeyond++;
            }
        }

        synchronized void gone(int surface) {
            if (surface == GET) {
                getGone = true;
            } else if (surface == VIEW) {
                viewGone = true;
            } else {
                traysGone++;
            }
        }

        synchronized boolean live() {
            return lastSent[TRAY] != Long.MIN_VALUE || lastSent[GET] != Long.MIN_VALUE || lastSent[VIEW] != Long.MIN_VALUE;
        }

        synchronized boolean polledGone() {
            return getGone && viewGone;
        }

        synchronized boolean done() {
            return getGone && viewGone && traysGone >= followers.length;
        }

        synchronized void hotGet(long sent) {
            if (hotGets++ == 0) {
                firstHotGet = sent;
            }
            lastHotGet = sent;
        }

        synchronized int follower() {
            return followers[nextFollower++ % followers.length];
        }

        /** Milliseconds after expiry the last serving was read (or sent), over all surfaces; 0 if never after. */
        synchronized double latenessMillis(long[] times) {
            long last = Math.max(times[TRAY], Math.max(times[GET], times[VIEW]));
            return last == Long.MIN_VALUE ? 0 : Math.max(0, last - expiresMicros) / 1e3;
        }
    }

    /** A story due for its next GET and view. */
    private record Poll(Tracked story, long atNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(atNanos, ((Poll) other).atNanos);
        }
    }

    static void measure(FeedSeed seed, FeedApi accounts, StoriesApi api, RedisStreamEventBus bus) throws Exception {
        List<Account> authors = seed.accounts("bench_story_expiring", AUTHORS);
        List<Account> readers = seed.accounts("bench_story_watcher", READERS);
        Map<Long, List<Long>> follows = new HashMap<>();
        for (int r = 0; r < READERS; r++) {
            List<Long> followees = new ArrayList<>();
            for (int a = 0; a < AUTHORS; a++) {
                if (Math.floorMod(r - a, READERS) < Math.min(FOLLOWERS, READERS)) {
                    followees.add(authors.get(a).userId());
                }
            }
            follows.put(readers.get(r).userId(), followees);
        }
        seed.follow(follows);
        FeedApi.Session[] authorSessions = StoriesBench.signIn(accounts, authors);
        FeedApi.Session[] readerSessions = StoriesBench.signIn(accounts, readers);
        int total = WARMUP + STORIES;
        System.out.printf("%nstory expiry: ttl %s, sweeper every %s; %,d stories (+%d warm-up, not counted) at %d/s by %d authors, "
                        + "each followed by %d of %d readers; trays polled by %d threads, GET + view from %d ms before expiry by %d%n",
                TTL, SWEEP, STORIES, WARMUP, RATE, AUTHORS, Math.min(FOLLOWERS, READERS), READERS, TRAY_POLLERS,
                LEAD_MICROS / 1000, POLLERS);

        Map<Long, Tracked> byId = new ConcurrentHashMap<>();
        List<Tracked> all = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Set<Tracked>> pendingTray = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            pendingTray.add(ConcurrentHashMap.newKeySet());
        }
        DelayQueue<Poll> due = new DelayQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger createErrors = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicLong[] requests = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicLong ttlSeen = new AtomicLong(Long.MIN_VALUE);
        AtomicBoolean stop = new AtomicBoolean();
        long startNanos = System.nanoTime();
        List<Thread> threads = new ArrayList<>();

        for (int c = 0; c < CREATORS; c++) {
            threads.add(Thread.ofPlatform().daemon().name("story-creator-" + c).start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    long at = startNanos + (long) (i * 1e9 / RATE);
                    while (System.nanoTime() < at) {
                        LockSupport.parkNanos(at - System.nanoTime());
                    }
                    int author = i % AUTHORS;
                    try {
                        StoriesApi.Created story = api.create(authorSessions[author]);
                        int[] followers = new int[Math.min(FOLLOWERS, READERS)];
                        for (int f = 0; f < followers.length; f++) {
                            followers[f] = Math.floorMod(author + f, READERS);
                        }
                        Tracked tracked = new Tracked(i, story.storyId(), StoriesApi.micros(story.expiresAt()), followers);
                        ttlSeen.compareAndSet(Long.MIN_VALUE, tracked.expiresMicros - StoriesApi.nowMicros());
                        byId.put(tracked.storyId, tracked);
                        all.add(tracked);
                        for (int f : followers) {
                            pendingTray.get(f).add(tracked);
                        }
                        StoriesBench.announceProcessed(bus, story);
                        due.add(new Poll(tracked, System.nanoTime()));
                    } catch (Exception e) {
                        createErrors.incrementAndGet();
                        firstError.compareAndSet(null, "create: " + e);
                    }
                }
            }));
        }
        for (int p = 0; p < POLLERS; p++) {
            threads.add(Thread.ofPlatform().daemon().name("story-poller-" + p).start(() -> {
                while (!stop.get()) {
                    Poll poll;
                    try {
                        poll = due.poll(50, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (poll == null) {
                        continue;
                    }
                    Tracked story = poll.story();
                    long now = StoriesApi.nowMicros();
                    if (now > story.expiresMicros + GIVE_UP_MICROS) {
                        continue;
                    }
                    boolean hot = now >= story.expiresMicros - LEAD_MICROS;
                    if (!hot && story.live()) {
                        due.add(new Poll(story, System.nanoTime() + (story.expiresMicros - LEAD_MICROS - now) * 1_000));
                        continue;
                    }
                    FeedApi.Session reader = readerSessions[story.follower()];
                    try {
                        StoriesApi.Answer get = api.get(reader, story.storyId);
                        requests[GET].incrementAndGet();
                        if (hot) {
                            story.hotGet(get.sentMicros());
                        }
                        if (get.status() == 200) {
                            story.served(GET, get.sentMicros(), get.readMicros(), storyUrl(
                                    StoriesApi.JSON.readTree(get.body())), true);
                        } else {
                            settle(story, GET, get, errors, firstError);
                        }
                        if (hot) {
                            StoriesApi.Answer view = api.view(reader, story.storyId);
                            requests[VIEW].incrementAndGet();
                            if (view.status() == 204) {
                                story.served(VIEW, view.sentMicros(), view.readMicros(), null, false);
                            } else {
                                settle(story, VIEW, view, errors, firstError);
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, "poll: " + e);
                    }
                    if (!story.polledGone()) {
                        due.add(new Poll(story, hot ? System.nanoTime() : System.nanoTime() + LIVE_POLL_MICROS * 1_000));
                    }
                }
            }));
        }
        for (int t = 0; t < TRAY_POLLERS; t++) {
            int first = t;
            threads.add(Thread.ofPlatform().daemon().name("tray-poller-" + t).start(() -> {
                while (!stop.get()) {
                    for (int r = first; r < READERS && !stop.get(); r += TRAY_POLLERS) {
                        try {
                            StoriesApi.Answer tray = api.tray(readerSessions[r]);
                            requests[TRAY].incrementAndGet();
                            if (tray.status() != 200) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, "tray answered " + tray.status() + ": " + new String(tray.body()));
                                continue;
                            }
                            Set<Long> shown = new java.util.HashSet<>();
                            for (JsonNode entry : StoriesApi.JSON.readTree(tray.body()).path("items")) {
                                for (JsonNode item : entry.path("stories")) {
                                    long id = item.path("storyId").asLong();
                                    shown.add(id);
                                    Tracked story = byId.get(id);
                                    if (story != null) {
                                        story.served(TRAY, tray.sentMicros(), tray.readMicros(), storyUrl(item), true);
                                    }
                                }
                            }
                            for (Tracked story : pendingTray.get(r)) {
                                if (story.expiresMicros <= tray.sentMicros() && !shown.contains(story.storyId)) {
                                    pendingTray.get(r).remove(story);
                                    story.gone(TRAY);
                                }
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, "tray: " + e);
                        }
                    }
                }
            }));
        }

        // Until every story is made (or failed) and each is gone from all surfaces or given up on.
        while (true) {
            Thread.sleep(100);
            if (next.get() < total || all.size() + createErrors.get() < total) {
                continue;
            }
            long now = StoriesApi.nowMicros();
            boolean settled;
            synchronized (all) {
                settled = all.stream().allMatch(s -> s.done() || now > s.expiresMicros + GIVE_UP_MICROS);
            }
            if (settled) {
                break;
            }
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        report(all, seconds, requests, errors.get(), createErrors.get(), firstError.get(), ttlSeen.get());
    }

    /** A non-success answer: a 404 to a request sent at or after expiry means gone; anything else is an error. */
    private static void settle(Tracked story, int surface, StoriesApi.Answer answer, AtomicLong errors,
            AtomicReference<String> firstError) {
        if (answer.status() == 404) {
            if (answer.sentMicros() >= story.expiresMicros) {
                story.gone(surface);
            }
            return;
        }
        errors.incrementAndGet();
        firstError.compareAndSet(null, SURFACES[surface] + " answered " + answer.status() + ": " + new String(answer.body()));
    }

    private static void report(List<Tracked> all, double seconds, AtomicLong[] requests, long errors, int createErrors,
            String firstError, long ttlMicros) {
        List<Tracked> counted;
        synchronized (all) {
            counted = all.stream().filter(s -> s.index >= WARMUP).toList();
        }
        List<Double> byRead = new ArrayList<>();
        List<Double> bySent = new ArrayList<>();
        double[] surfaceMax = new double[3];
        int neverLive = 0;
        int notGone = 0;
        int surelyLate = 0;
        int urls = 0;
        int urlsBeyond = 0;
        int withoutUrl = 0;
        long maxGrantOver = Long.MIN_VALUE;
        List<Double> hotIntervals = new ArrayList<>();
        for (Tracked story : counted) {
            synchronized (story) {
                if (!story.live()) {
                    neverLive++;
                    continue;
                }
                if (!story.done()) {
                    notGone++;
                }
                byRead.add(story.latenessMillis(story.lastRead));
                double sent = story.latenessMillis(story.lastSent);
                bySent.add(sent);
                if (sent > 0) {
                    surelyLate++;
                }
                for (int s = 0; s < 3; s++) {
                    if (story.lastRead[s] != Long.MIN_VALUE) {
                        surfaceMax[s] = Math.max(surfaceMax[s], Math.max(0, story.lastRead[s] - story.expiresMicros) / 1e3);
                    }
                }
                urls += story.urls;
                urlsBeyond += story.urlsBeyond;
                withoutUrl += story.withoutUrl;
                maxGrantOver = Math.max(maxGrantOver, story.maxGrantOverMicros);
                if (story.hotGets > 1) {
                    hotIntervals.add((story.lastHotGet - story.firstHotGet) / 1e3 / (story.hotGets - 1));
                }
            }
        }
        double max = byRead.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        System.out.printf("polled %.0f s: %,d trays, %,d GETs, %,d views (%,.0f requests/s); GET interval per story near expiry %.1f ms (median); "
                        + "ttl as created %.2f s; %d errors, %d failed creations%s%n",
                seconds, requests[TRAY].get(), requests[GET].get(), requests[VIEW].get(),
                (requests[TRAY].get() + requests[GET].get() + requests[VIEW].get()) / seconds,
                StoriesBench.percentile(hotIntervals, 50), ttlMicros / 1e6, errors, createErrors,
                firstError == null ? "" : " (first: " + firstError + ")");
        System.out.printf("last served after expiresAt, by answer read (upper bound): max %.1f ms, p99 %.1f ms, p50 %.1f ms over %,d stories "
                        + "(tray max %.1f, GET max %.1f, view max %.1f)%n",
                max, StoriesBench.percentile(byRead, 99), StoriesBench.percentile(byRead, 50), byRead.size(),
                surfaceMax[TRAY], surfaceMax[GET], surfaceMax[VIEW]);
        System.out.printf("last served after expiresAt, by request sent (surely late): max %.1f ms, p99 %.1f ms; %d stories served "
                        + "by a request sent after expiry%n",
                bySent.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                StoriesBench.percentile(bySent, 99), surelyLate);
        System.out.printf("media URL grant (X-Shutter-Expires of media.variants.story) beyond expiresAt: %,d of %,d URLs "
                        + "(latest grant %s vs expiresAt; %,d servings without a story URL): %s%n",
                urlsBeyond, urls, urls == 0 ? "n/a" : String.format("%+.1f s", maxGrantOver / 1e6), withoutUrl, StoriesBench.verdict(urlsBeyond == 0));
        System.out.printf("never seen live: %d; not confirmed gone from all within %d s: %d%n", neverLive,
                GIVE_UP_MICROS / 1_000_000, notGone);
        System.out.printf("expiry lateness max %.1f ms (target ≤ 1000 ms, every story gone): %s%n", max,
                StoriesBench.verdict(max <= 1000 && notGone == 0 && neverLive == 0 && !byRead.isEmpty()));
    }

    /** media.variants.story of a story item, or null. */
    private static String storyUrl(JsonNode item) {
        JsonNode url = item.path("media").path("variants").path("story");
        return url.isTextual() ? url.asText() : null;
    }

    private static long grantExpiresSeconds(String url) {
        int at = url.indexOf("X-Shutter-Expires=");
        if (at < 0) {
            return Long.MAX_VALUE / 1_000_000L;
        }
        int from = at + "X-Shutter-Expires=".length();
        int to = url.indexOf('&', from);
        return Long.parseLong(url.substring(from, to < 0 ? url.length() : to));
    }
}
