package dev.shutter.ml.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.ml.dataset.Dataset;
import dev.shutter.ml.dataset.Follow;
import dev.shutter.ml.dataset.Interaction;
import dev.shutter.ml.dataset.Interaction.Action;
import dev.shutter.ml.dataset.Item;
import dev.shutter.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The export against a real PostgreSQL holding post-service's schema, from post-service's own migrations. */
class StoreExportTest {

    private static final Path MIGRATIONS = Path.of("../post-service/src/main/resources/db/migration");
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");
    private static String url;

    @BeforeAll
    static void schema() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        url = postgres.jdbcUrl(postgres.database("ml_export"));
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path migration : files.filter(f -> VERSION.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(StoreExportTest::version)).toList()) {
                statement.execute(Files.readString(migration));
            }
            statement.execute("""
                    INSERT INTO users (user_id, username, email, password_hash, display_name, bio, is_private, created_at, erasure_requested_at) VALUES
                      (1, 'ana', 'a@x', 'h', 'Ana', '', false, '2026-01-01Z', NULL),
                      (2, 'ben', 'b@x', 'h', 'Ben', '', false, '2026-01-01Z', NULL),
                      (3, 'cam', 'c@x', 'h', 'Cam', '', true,  '2026-01-01Z', NULL),
                      (4, 'dee', 'd@x', 'h', 'Dee', '', false, '2026-01-01Z', '2026-02-01Z');
                    INSERT INTO posts (author_id, post_id, caption, hashtags, status, created_at) VALUES
                      (1, 100, 'Golden hour #sunset #sea with @ben', 'sunset sea', 'ready', '2026-01-02Z'),
                      (1, 101, 'A clip', '', 'ready', '2026-01-03Z'),
                      (1, 102, 'still processing #sunset', 'sunset', 'processing', '2026-01-04Z'),
                      (3, 300, 'private #sunset', 'sunset', 'ready', '2026-01-02Z'),
                      (4, 400, 'erased #sunset', 'sunset', 'ready', '2026-01-02Z');
                    INSERT INTO media_items (author_id, post_id, media_id, position, mime_type, size_bytes, object_key, status, media_type, mean_red, mean_green, mean_blue) VALUES
                      (1, 100, 1000, 0, 'image/jpeg', 1, 'k', 'ready', 'image', 0.25, 0.5, 0.75),
                      (1, 101, 1010, 0, 'video/mp4', 1, 'k', 'ready', 'video', NULL, NULL, NULL);
                    INSERT INTO likes (user_id, post_id, created_at) VALUES
                      (2, 100, '2026-01-05Z'), (2, 300, '2026-01-05Z'), (4, 100, '2026-01-05Z'), (2, 101, '2026-03-01Z');
                    INSERT INTO saves (user_id, post_id, created_at) VALUES (2, 100, '2026-01-06Z');
                    INSERT INTO comments (post_id, comment_id, author_id, body, created_at) VALUES (101, 1, 3, 'nice', '2026-01-04Z');
                    INSERT INTO story_views (viewer_id, story_id, author_id, post_id, viewed_at) VALUES
                      (2, 900, 1, 101, '2026-01-07Z'), (2, 901, 3, 300, '2026-01-07Z'), (2, 902, 1, NULL, '2026-01-08Z'),
                      (4, 900, 1, 101, '2026-01-07Z');
                    INSERT INTO follows (follower_id, followee_id, state, created_at) VALUES
                      (2, 1, 'following', '2026-01-02Z'), (2, 3, 'requested', '2026-01-02Z'), (4, 1, 'following', '2026-01-02Z');
                    """);
        }
    }

    @Test
    void onlyWhatExploreMayShowAndLearnFromIsExported() throws Exception {
        Dataset dataset;
        try (Connection connection = connect()) {
            dataset = StoreExport.export(connection, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));
        }
        // Ready posts of public, active accounts only.
        assertThat(dataset.items()).extracting(Item::postId).containsExactly(100L, 101L);
        Item photo = dataset.items().getFirst();
        assertThat(photo.hashtags()).containsExactly("sunset", "sea");
        assertThat(photo.captionTokens()).containsExactly("golden", "hour", "with");
        assertThat(photo.visual()).isEqualTo(new Item.Visual(0.25f, 0.5f, 0.75f));
        assertThat(photo.mediaType()).isEqualTo(Item.MediaType.PHOTO);
        assertThat(photo.createdAtMillis()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z").toEpochMilli());
        Item clip = dataset.items().get(1);
        assertThat(clip.mediaType()).isEqualTo(Item.MediaType.VIDEO);
        assertThat(clip.visual()).isNull();
        assertThat(clip.hashtags()).isEmpty();

        // On exported posts, by accounts not being erased (a private account's own actions count), in the window, in time order.
        assertThat(dataset.interactions()).containsExactly(
                new Interaction(3, 101, Action.COMMENT, Instant.parse("2026-01-04T00:00:00Z").toEpochMilli()),
                new Interaction(2, 100, Action.LIKE, Instant.parse("2026-01-05T00:00:00Z").toEpochMilli()),
                new Interaction(2, 100, Action.SAVE, Instant.parse("2026-01-06T00:00:00Z").toEpochMilli()),
                // A story view counts with the author's newest post; never a private author's, an erased viewer's or a post-less one.
                new Interaction(2, 101, Action.STORY_VIEW, Instant.parse("2026-01-07T00:00:00Z").toEpochMilli()));
        // Approved follows between active accounts only.
        assertThat(dataset.follows()).containsExactly(new Follow(2, 1, Instant.parse("2026-01-02T00:00:00Z").toEpochMilli()));
        assertThat(dataset.source()).isEqualTo("export");
        assertThat(dataset.parameters()).containsEntry("to", "2026-02-01T00:00:00Z");
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
    }

    private static int version(Path migration) {
        Matcher matcher = VERSION.matcher(migration.getFileName().toString());
        matcher.matches();
        return Integer.parseInt(matcher.group(1));
    }

}
