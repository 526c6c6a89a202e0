package dev.shutter.rest.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One page of any list, as API.md gives it: {@code {items, nextCursor}}, the cursor null on the last page. */
@RegisterForReflection
public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, null);
    }
}
