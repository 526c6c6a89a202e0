package dev.shutter.post.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Notifications: how long items are kept, how often old ones are swept, how a hot item is written. */
@ConfigMapping(prefix = "shutter.notifications")
public interface NotificationsConfig {

    /** Items whose newest activity is older than this are removed. */
    @WithDefault("90d")
    Duration kept();

    /** How often the sweeper removes items past {@link #kept()}. */
    @WithDefault("10m")
    Duration sweepInterval();

    /**
     * How far an item's newest-activity time may lag its newest actor: a group's row is rewritten
     * only when the new activity is later by more than this, so thousands of likes a minute on one
     * post rewrite it a few times a minute, not thousands.
     */
    @WithDefault("2s")
    Duration activityResolution();

    /** unreadCount counts up to this many items (a number beyond it is shown as this, as "99+" would be). */
    @WithDefault("1000")
    int unreadCap();
}
