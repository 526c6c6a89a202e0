package dev.shutter.post.profile;

import dev.shutter.post.account.User;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What must happen when an account's privacy changes, implemented by the follow graph: an
 * account that turns public approves its pending follow requests.
 */
public interface PrivacyChanges {

    Uni<Void> becamePublic(Mutiny.Session session, User user);
}
