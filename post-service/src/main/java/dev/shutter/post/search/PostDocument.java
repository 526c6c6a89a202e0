package dev.shutter.post.search;

import java.time.Instant;
import java.util.List;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.SearchEntity;

/**
 * A public, ready post carrying hashtags, as the hashtag pages search it. Only such posts are in
 * the index: a private account's, a processing, failed or deleted post, and a post without tags
 * are absent (the indexer deletes them), so no query can ever reach them.
 */
@SearchEntity(name = PostDocument.ENTITY)
@Indexed(index = PostDocument.INDEX)
public class PostDocument {

    static final String ENTITY = "Post";
    static final String INDEX = "posts";
    static final String POST_ID = "postId";
    static final String AUTHOR_ID = "authorId";
    static final String HASHTAGS = "hashtags";
    static final String PUBLISHED_AT = "publishedAt";
    static final String TOP_SCORE = "topScore";

    @DocumentId
    @GenericField(name = POST_ID, sortable = Sortable.YES, projectable = Projectable.NO)
    public final long postId;

    @GenericField(name = AUTHOR_ID, projectable = Projectable.NO)
    public final long authorId;

    /** Stored as captions store them: NFC, lower case (so a term query is case-insensitive). */
    @KeywordField(name = HASHTAGS, aggregable = Aggregable.YES, projectable = Projectable.NO)
    public final List<String> hashtags;

    @GenericField(name = PUBLISHED_AT, sortable = Sortable.YES, projectable = Projectable.NO)
    public final Instant publishedAt;

    @GenericField(projectable = Projectable.NO)
    public final long likes;

    @GenericField(projectable = Projectable.NO)
    public final long comments;

    @GenericField(projectable = Projectable.NO)
    public final long saves;

    /** {@link TopScore} of the counts and publication time; the order of the "top" tab. */
    @GenericField(name = TOP_SCORE, sortable = Sortable.YES, projectable = Projectable.NO)
    public final double topScore;

    public PostDocument(long postId, long authorId, List<String> hashtags, Instant publishedAt, long likes, long comments,
            long saves) {
        this.postId = postId;
        this.authorId = authorId;
        this.hashtags = List.copyOf(hashtags);
        this.publishedAt = publishedAt;
        this.likes = likes;
        this.comments = comments;
        this.saves = saves;
        this.topScore = TopScore.of(likes, comments, saves, publishedAt);
    }
}
