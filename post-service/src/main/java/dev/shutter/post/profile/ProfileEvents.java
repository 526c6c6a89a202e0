package dev.shutter.post.profile;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.ProfileChanged;
import dev.shutter.post.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;

/** Announces a change of what others see of an account ({@code profile.changed}) in the transaction that makes it. */
@ApplicationScoped
public class ProfileEvents {

    private final Outbox outbox;

    ProfileEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> changed(Mutiny.Session session, long userId) {
        Instant now = Instant.now();
        return outbox.add(session, EventTypes.PROFILE_CHANGED, Long.toString(userId), ProfileChanged.newBuilder()
                .setUserId(userId)
                .setAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build());
    }
}
