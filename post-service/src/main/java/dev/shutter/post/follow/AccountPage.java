package dev.shutter.post.follow;

import java.util.List;

/** One page of a list of accounts; {@code nextCursor} is null on the last page. */
public record AccountPage(List<AccountSummary> items, String nextCursor) {}
