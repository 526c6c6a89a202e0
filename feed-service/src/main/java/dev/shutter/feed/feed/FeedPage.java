package dev.shutter.feed.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shutter.feed.hydrate.FeedPost;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One page of the home feed; {@code nextCursor} is null on the last page. */
@RegisterForReflection
public record FeedPage(List<FeedPost> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {}
