package dev.shutter.post.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of a list: `{items, nextCursor}`, the cursor null on the last page. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Page<T>(List<T> items, String nextCursor) {}
