package dev.shutter.post.search;

/**
 * The constant scores that order user search: each step outweighs everything below it, and every
 * sum stays exact in a float (below 2^24), so the score sorts and pages like a field.
 */
final class UserRank {

    static final float EXACT_USERNAME = 1_000_000f;
    static final float FOLLOWED = 1_000f;

    private UserRank() {}
}
