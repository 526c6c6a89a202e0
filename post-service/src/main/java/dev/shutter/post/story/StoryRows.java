package dev.shutter.post.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/** Stories read from the database, and a row turned into the {@link StoryCard} the read paths serve. */
@ApplicationScoped
public class StoryRows {

    private static final Logger LOG = Logger.getLogger(StoryRows.class);
    private static final TypeReference<Map<String, String>> VARIANTS = new TypeReference<>() {};

    private final Mutiny.SessionFactory sessions;
    private final ObjectMapper json;

    StoryRows(Mutiny.SessionFactory sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    /** The story, or null. */
    public Uni<Story> find(long storyId) {
        return sessions.withSession(session -> session.createSelectionQuery("from Story where storyId = :story", Story.class)
                .setParameter("story", storyId)
                .getSingleResultOrNull());
    }

    public StoryCard card(Story story) {
        return new StoryCard(story.storyId, story.authorId, story.mediaId, story.mediaType, variants(story), story.width,
                story.height, story.blurhash, story.durationMs, story.createdAt, story.expiresAt);
    }

    private Map<String, String> variants(Story story) {
        if (story.variants == null || story.variants.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(story.variants, VARIANTS);
        } catch (JsonProcessingException e) {
            LOG.warnf("Variants of story %d are not a JSON object of strings; shown without them", story.storyId);
            return Map.of();
        }
    }
}
