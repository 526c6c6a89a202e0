package dev.shutter.explore.explore;

import dev.shutter.explore.candidate.CandidateFilter;
import dev.shutter.explore.candidate.Neighbour;
import dev.shutter.explore.candidate.RetrievalGeneration;
import dev.shutter.explore.config.ExploreConfig;
import dev.shutter.explore.item.AuthorStats;
import dev.shutter.explore.item.CatalogItem;
import dev.shutter.explore.item.ItemCatalog;
import dev.shutter.explore.model.ActiveModels;
import dev.shutter.explore.model.LoadedModel;
import dev.shutter.explore.ranking.AuthorDiversity;
import dev.shutter.explore.ranking.CandidateRanker;
import dev.shutter.explore.trending.TrendingPosts;
import dev.shutter.explore.user.UserEmbeddings;
import dev.shutter.explore.user.UserHistory;
import dev.shutter.models.RankerFeatures;
import dev.shutter.postclient.PostHydrator;
import dev.shutter.postclient.PostQueryClient;
import dev.shutter.postclient.Viewer;
import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.post.PostView;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A user's Explore page: the frozen list when there is one, else a new one — personalised
 * (user tower → ANN candidates, filtered → ranker → at most two per author) or, without a
 * history, a model, the index, or within the timeout, trending with the same filters — then
 * the page is cut from it and hydrated as the feed hydrates.
 */
@ApplicationScoped
public class ExploreService {

    private static final Logger LOG = Logger.getLogger(ExploreService.class);
    static final String CURSOR_KIND = "explore";

    private final ActiveModels models;
    private final ItemCatalog catalog;
    private final UserHistory history;
    private final UserEmbeddings embeddings;
    private final TrendingPosts trending;
    private final FrozenLists lists;
    private final PostQueryClient posts;
    private final PostHydrator hydrator;
    private final ExploreConfig config;
    private final MeterRegistry metrics;

    ExploreService(ActiveModels models, ItemCatalog catalog, UserHistory history, UserEmbeddings embeddings,
            TrendingPosts trending, FrozenLists lists, PostQueryClient posts, PostHydrator hydrator, ExploreConfig config,
            MeterRegistry metrics) {
        this.models = models;
        this.catalog = catalog;
        this.history = history;
        this.embeddings = embeddings;
        this.trending = trending;
        this.lists = lists;
        this.posts = posts;
        this.hydrator = hydrator;
        this.config = config;
        this.metrics = metrics;
    }

    public Uni<ExplorePage> page(Viewer viewer, PageRequest request) {
        long[] position = request.decode(CURSOR_KIND, 2);
        return lists.get(viewer.id())
                .chain(frozen -> frozen.isPresent() && (position == null || frozen.get().createdMillis() == position[0])
                        ? Uni.createFrom().item(frozen.get())
                        : fresh(viewer))
                .chain(list -> {
                    int offset = position != null && list.createdMillis() == position[0]
                            ? (int) Math.clamp(position[1], 0, list.postIds().size()) : 0;
                    int end = Math.min(list.postIds().size(), offset + request.limit());
                    String next = end < list.postIds().size() ? PageRequest.encode(CURSOR_KIND, list.createdMillis(), end) : null;
                    return hydrator.hydrate(viewer, list.postIds().subList(offset, end))
                            .map(items -> new ExplorePage(publicOnly(items), next, list.source()));
                });
    }

    /** A new list for the viewer, frozen for the next pages. */
    private Uni<FrozenList> fresh(Viewer viewer) {
        return context(viewer.id())
                .chain(context -> personalized(context)
                        .ifNoItem().after(config.timeout()).fail()
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("Explore for %d falls back to trending: %s", viewer.id(), e.toString());
                            return Optional.empty();
                        })
                        .map(ranked -> ranked.orElseGet(() -> trendingFor(context))))
                .invoke(list -> metrics.counter("explore.lists", "source", list.source()).increment())
                .call(list -> lists.put(viewer.id(), list));
    }

    private Uni<ViewerContext> context(long userId) {
        Uni<Set<Long>> followed = posts.following(userId)
                .map(following -> following.stream().map(f -> f.getUserId()).collect(Collectors.toSet()));
        Uni<List<Long>> engaged = history.recent(userId).onFailure().recoverWithItem(List.of());
        long notBefore = System.currentTimeMillis() - RankerFeatures.CANDIDATE_WINDOW.toMillis();
        return Uni.combine().all().unis(followed, engaged).asTuple()
                .map(both -> new ViewerContext(userId, both.getItem1(), both.getItem2(), notBefore));
    }

    /** Empty when the user has no history in the index, or no models serve: then trending answers. */
    private Uni<Optional<FrozenList>> personalized(ViewerContext context) {
        Optional<RetrievalGeneration> generation = models.retrieval();
        if (generation.isEmpty() || models.ranker().isEmpty() || context.engaged().isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return embeddings.of(context.userId(), context.engaged(), generation.get(), catalog)
                .chain(user -> user.isEmpty() ? Uni.createFrom().item(Optional.<FrozenList>empty())
                        : Uni.createFrom().item(() -> rank(context, generation.get(), user.get()))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private Optional<FrozenList> rank(ViewerContext context, RetrievalGeneration generation, UserEmbeddings.UserVector user) {
        CandidateFilter filter = context.filter();
        List<Neighbour> candidates = generation.index().nearest(user.vector(), config.candidates(), filter);
        Optional<LoadedModel> ranker = models.ranker();
        if (candidates.isEmpty() || ranker.isEmpty() || !ranker.get().acquire()) {
            return Optional.empty();
        }
        List<CandidateRanker.Scored> scored;
        try {
            scored = CandidateRanker.rank(ranker.get(), candidates, user.historyTags(), catalog, trending.authors(),
                    System.currentTimeMillis());
        } finally {
            ranker.get().release();
        }
        List<Long> ids = AuthorDiversity.top(scored, CandidateRanker.Scored::authorId, config.resultSize(), config.perAuthor())
                .stream().map(CandidateRanker.Scored::postId).toList();
        return ids.isEmpty() ? Optional.empty()
                : Optional.of(new FrozenList(FrozenList.PERSONALIZED, System.currentTimeMillis(), ids));
    }

    private FrozenList trendingFor(ViewerContext context) {
        CandidateFilter filter = context.filter();
        List<CatalogItem> allowed = trending.ranked().stream()
                .filter(item -> !item.authorPrivate() && filter.accepts(item.postId(), item.authorId(), item.createdAtMillis()))
                .toList();
        List<Long> ids = AuthorDiversity.top(allowed, CatalogItem::authorId, config.resultSize(), config.perAuthor())
                .stream().map(CatalogItem::postId).toList();
        return new FrozenList(FrozenList.TRENDING, System.currentTimeMillis(), ids);
    }

    /** Hydration already drops what the viewer may not see; Explore never shows a private account even to a follower. */
    private static List<PostView> publicOnly(List<PostView> items) {
        return items.stream().filter(post -> post.author() == null || !post.author().isPrivate()).toList();
    }
}
