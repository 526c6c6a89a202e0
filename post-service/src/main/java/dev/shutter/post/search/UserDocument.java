package dev.shutter.post.search;

import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.SearchEntity;

/**
 * An account as user search finds it: by a prefix of its username or of a word of its display
 * name, accents and case folded ({@link SearchAnalysis}). Erased accounts are not in the index.
 * Private accounts are: finding one shows its name, never its posts.
 */
@SearchEntity(name = UserDocument.ENTITY)
@Indexed(index = UserDocument.INDEX)
public class UserDocument {

    static final String ENTITY = "User";
    static final String INDEX = "users";
    static final String USER_ID = "userId";
    static final String USERNAME = "username";
    static final String USERNAME_PREFIX = "usernamePrefix";
    static final String DISPLAY_NAME_PREFIX = "displayNamePrefix";
    static final String FOLLOWER_COUNT = "followerCount";

    @DocumentId
    @GenericField(name = USER_ID, sortable = Sortable.YES, projectable = Projectable.NO)
    public final long userId;

    @KeywordField(name = USERNAME, projectable = Projectable.NO)
    @FullTextField(name = USERNAME_PREFIX, analyzer = SearchAnalysis.USERNAME_PREFIX,
            searchAnalyzer = SearchAnalysis.QUERY, projectable = Projectable.NO)
    public final String username;

    @FullTextField(name = DISPLAY_NAME_PREFIX, analyzer = SearchAnalysis.WORD_PREFIX,
            searchAnalyzer = SearchAnalysis.QUERY, projectable = Projectable.NO)
    public final String displayName;

    @GenericField(name = FOLLOWER_COUNT, sortable = Sortable.YES, projectable = Projectable.NO)
    public final long followerCount;

    public UserDocument(long userId, String username, String displayName, long followerCount) {
        this.userId = userId;
        this.username = username;
        this.displayName = displayName;
        this.followerCount = followerCount;
    }
}
