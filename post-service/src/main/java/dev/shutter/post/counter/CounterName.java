package dev.shutter.post.counter;

/** What is counted; the column value is stored, so never rename one. */
public enum CounterName {
    FOLLOWERS("followers"),
    FOLLOWING("following"),
    POSTS("posts"),
    LIKES("likes"),
    SAVES("saves"),
    COMMENTS("comments");

    private final String column;

    CounterName(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }
}
