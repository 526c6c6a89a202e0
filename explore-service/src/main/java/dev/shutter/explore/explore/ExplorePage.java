package dev.shutter.explore.explore;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shutter.rest.post.PostView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** {@code GET /v1/explore}'s answer: {@code {items, nextCursor, source}}. */
@RegisterForReflection
public record ExplorePage(List<PostView> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor, String source) {}
