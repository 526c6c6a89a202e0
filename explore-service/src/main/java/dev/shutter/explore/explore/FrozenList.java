package dev.shutter.explore.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user's ranked Explore list as frozen in Redis ({@code explore:{userId}}): where it came from,
 * when it was made (the cursor names it, so a page never mixes two lists), and its post IDs.
 */
public record FrozenList(String source, long createdMillis, List<Long> postIds) {

    public static final String PERSONALIZED = "personalized";
    public static final String TRENDING = "trending";

    public FrozenList {
        postIds = List.copyOf(postIds);
    }

    String encode() {
        StringBuilder value = new StringBuilder(source).append('|').append(createdMillis).append('|');
        for (int i = 0; i < postIds.size(); i++) {
            value.append(i == 0 ? "" : ",").append(postIds.get(i));
        }
        return value.toString();
    }

    static Optional<FrozenList> decode(String value) {
        String[] parts = value.split("\\|", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            List<Long> ids = new ArrayList<>();
            for (String id : parts[2].split(",")) {
                if (!id.isEmpty()) {
                    ids.add(Long.parseLong(id));
                }
            }
            return Optional.of(new FrozenList(parts[0], Long.parseLong(parts[1]), ids));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
