package dev.shutter.ml.export;

import dev.shutter.ml.dataset.Dataset;
import dev.shutter.ml.dataset.Follow;
import dev.shutter.ml.dataset.Interaction;
import dev.shutter.ml.dataset.Item;
import dev.shutter.models.CaptionTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shutter's own interactions as a training dataset, read from post-service's relational store
 * (its tables are the contract here; the test runs post-service's migrations). Only what Explore
 * may ever show or learn from: ready posts of public, active accounts as items; likes, saves,
 * comments and story views (a first view of a story counts as one with its author's newest ready
 * post, as post-service records it) on those by accounts not being erased, within [from, to);
 * approved follows between
 * active accounts. Read in one repeatable-read transaction, so the three parts agree.
 */
public final class StoreExport {

    /** The posts Explore may show: ready, of a public account not being erased. */
    private static final String ITEMS = """
            SELECT p.post_id, p.author_id, p.created_at, p.hashtags, p.caption, m.media_type,
                   m.mean_red, m.mean_green, m.mean_blue
            FROM posts p
            JOIN users u ON u.user_id = p.author_id
            LEFT JOIN media_items m ON m.author_id = p.author_id AND m.post_id = p.post_id AND m.position = 0
            WHERE p.status = 'ready' AND NOT u.is_private AND u.erasure_requested_at IS NULL""";

    private static final String INTERACTIONS = """
            WITH items AS (%s),
                 actions AS (
                    SELECT user_id, post_id, 'like' AS action, created_at FROM likes
                    UNION ALL SELECT user_id, post_id, 'save', created_at FROM saves
                    UNION ALL SELECT author_id, post_id, 'comment', created_at FROM comments
                    UNION ALL SELECT viewer_id, post_id, 'story_view', viewed_at FROM story_views WHERE post_id IS NOT NULL)
            SELECT a.user_id, a.post_id, a.action, a.created_at
            FROM actions a
            JOIN items i ON i.post_id = a.post_id
            JOIN users u ON u.user_id = a.user_id
            WHERE u.erasure_requested_at IS NULL AND a.created_at >= ? AND a.created_at < ?
            ORDER BY a.created_at, a.user_id, a.post_id, a.action""".formatted(ITEMS);

    private static final String FOLLOWS = """
            SELECT f.follower_id, f.followee_id, f.created_at
            FROM follows f
            JOIN users a ON a.user_id = f.follower_id
            JOIN users b ON b.user_id = f.followee_id
            WHERE f.state = 'following' AND a.erasure_requested_at IS NULL AND b.erasure_requested_at IS NULL
              AND f.created_at < ?
            ORDER BY f.created_at, f.follower_id, f.followee_id""";

    private StoreExport() {}

    public static Dataset export(Connection connection, Instant from, Instant to) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            List<Item> items = items(connection);
            List<Interaction> interactions = interactions(connection, from, to);
            List<Follow> follows = follows(connection, to);
            connection.commit();
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("from", from.toString());
            parameters.put("to", to.toString());
            return new Dataset("export", parameters, items, interactions, follows);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static List<Item> items(Connection connection) throws SQLException {
        List<Item> items = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(ITEMS + " ORDER BY p.created_at, p.post_id");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                boolean video = "video".equals(rows.getString(6));
                Float red = rows.getObject(7, Float.class);
                Item.Visual visual = video || red == null ? null
                        : new Item.Visual(red, rows.getFloat(8), rows.getFloat(9));
                String hashtags = rows.getString(4);
                items.add(new Item(rows.getLong(1), rows.getLong(2), millis(rows.getTimestamp(3)),
                        video ? Item.MediaType.VIDEO : Item.MediaType.PHOTO,
                        hashtags.isBlank() ? List.of() : Arrays.asList(hashtags.strip().split(" +")),
                        CaptionTokens.of(rows.getString(5)), visual, -1));
            }
        }
        return items;
    }

    private static List<Interaction> interactions(Connection connection, Instant from, Instant to) throws SQLException {
        List<Interaction> interactions = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(INTERACTIONS)) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    interactions.add(new Interaction(rows.getLong(1), rows.getLong(2),
                            Interaction.Action.of(rows.getString(3)),
                            millis(rows.getTimestamp(4))));
                }
            }
        }
        return interactions;
    }

    private static List<Follow> follows(Connection connection, Instant to) throws SQLException {
        List<Follow> follows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(FOLLOWS)) {
            statement.setTimestamp(1, Timestamp.from(to));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    follows.add(new Follow(rows.getLong(1), rows.getLong(2), millis(rows.getTimestamp(3))));
                }
            }
        }
        return follows;
    }

    private static long millis(Timestamp timestamp) {
        return timestamp.toInstant().toEpochMilli();
    }
}
