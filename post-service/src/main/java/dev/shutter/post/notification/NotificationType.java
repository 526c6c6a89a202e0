package dev.shutter.post.notification;

/** What an item tells about, as API.md names it (the stored value is the same). */
enum NotificationType {
    LIKE("like"),
    COMMENT("comment"),
    MENTION("mention"),
    FOLLOW("follow"),
    FOLLOW_REQUEST("follow_request"),
    FOLLOW_ACCEPTED("follow_accepted");

    final String column;

    NotificationType(String column) {
        this.column = column;
    }
}
