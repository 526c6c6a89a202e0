package dev.shutter.post.follow;

/** The state of a follow edge as stored in {@code follows.state}; the stored value never changes. */
public enum FollowState {
    /** Approved: the follower sees the followee's posts and both counts include the edge. */
    FOLLOWING("following"),
    /** Awaiting a private followee's approval: nothing flows and nothing is counted yet. */
    REQUESTED("requested");

    private final String column;

    FollowState(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public static FollowState ofColumn(String value) {
        for (FollowState state : values()) {
            if (state.column.equals(value)) {
                return state;
            }
        }
        throw new IllegalStateException("unknown follow state " + value);
    }
}
