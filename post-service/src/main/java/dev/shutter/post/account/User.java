package dev.shutter.post.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account. Its ID carries the user's logical shard, which every row the user owns shares. */
@Entity
@Table(name = "users")
public class User {

    @Id
    @Column(name = "user_id")
    public long userId;

    @Column(name = "username")
    public String username;

    @Column(name = "email")
    public String email;

    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "bio")
    public String bio;

    @Column(name = "avatar_url")
    public String avatarUrl;

    @Column(name = "is_private")
    public boolean isPrivate;

    /** Goes up by one at every privacy change; orders the changes for the public-accounts index. */
    @Column(name = "privacy_version")
    public long privacyVersion;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Set once the account asked to be erased: it can no longer sign in and is hidden. */
    @Column(name = "erasure_requested_at")
    public Instant erasureRequestedAt;

    public boolean active() {
        return erasureRequestedAt == null;
    }
}
