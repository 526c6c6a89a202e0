package dev.shutter.post.account;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.PrivacyChanged;
import dev.shutter.post.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;

/** Announces an account's privacy ({@code privacy.changed}) in the transaction that sets it: at sign-up and at every change. */
@ApplicationScoped
public class PrivacyEvents {

    private final Outbox outbox;

    PrivacyEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> changed(Mutiny.Session session, User user) {
        Instant now = Instant.now();
        // Keyed by the account: its changes stay in order.
        return outbox.add(session, EventTypes.PRIVACY_CHANGED, Long.toString(user.userId), PrivacyChanged.newBuilder()
                .setUserId(user.userId)
                .setIsPrivate(user.isPrivate)
                .setAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build());
    }
}
