/**
 * Posts and their media: creation with direct-to-bucket uploads, the media worker's verdicts,
 * reading (one batch hydrator for every surface), deletion, lists, and the cleanup of uploads
 * that never completed.
 *
 * <h2>Life of a post</h2>
 *
 * <ol>
 *   <li>`POST /v1/posts` ({@link dev.shutter.post.post.PostCreation#create}): checked by {@link
 *       dev.shutter.post.post.NewPost} (422 invalid values, then 415 type, then 413 size; sizes in
 *       MiB), rate limited (100 a day), stored in one transaction as a post in status
 *       {@code processing} with {@code pending} media items, and answered with one signed PUT URL
 *       per item for {@code uploads/{postId}/{mediaId}} in the raw bucket (15 minutes, the
 *       declared content type and at most the declared size).
 *   <li>The media worker answers {@code media.processed} or {@code media.failed} per item
 *       ({@link dev.shutter.post.post.media.MediaProcessing}). When the last item is ready the
 *       post becomes {@code ready}: the author's post count goes up and {@code post.published} is
 *       written to the outbox, in the same transaction, exactly once. One failed item (or a video
 *       over 90 s) fails the whole post with the reason, and its raw uploads are deleted.
 *   <li>A post still processing 24 hours after creation ({@code shutter.posts.upload-deadline})
 *       fails with "upload not completed within 24 hours" and loses its raw uploads ({@link
 *       dev.shutter.post.post.UploadExpiry}).
 *   <li>`DELETE /v1/posts/{id}` removes the rows (post, media items, comments, the post's
 *       counters), takes back the post count if the post was ready, writes {@code post.deleted},
 *       and deletes the raw uploads. Processed variants are the media pipeline's to remove.
 * </ol>
 *
 * <h2>Reading</h2>
 *
 * Every surface shows posts through {@link dev.shutter.post.post.view.PostViews#hydrate}, which
 * also decides visibility: ready posts (the author also sees their own processing and failed
 * ones, with {@code failureReason}), of active accounts, private ones only to approved followers;
 * anything else is 404 / left out. Public accounts' media are CDN URLs ({@code
 * shutter.media.base-url}); private accounts' are signed URLs valid for one hour. The profile grid
 * shows ready posts only, to the author as well (it matches the post count); the saved list is
 * newest save first. Both page by keyset cursors, 20 by default, at most 50.
 */
package dev.shutter.post.post;
