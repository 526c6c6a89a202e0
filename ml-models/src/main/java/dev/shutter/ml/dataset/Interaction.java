package dev.shutter.ml.dataset;

/** One thing a user did to a post, at a time: the models' positive examples. */
public record Interaction(long userId, long postId, Action action, long atMillis) {

    public enum Action {
        LIKE, SAVE, COMMENT, STORY_VIEW;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Action of(String column) {
            return valueOf(column.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
