-- A photo's mean colour from media-worker (media.processed), a visual feature for Explore's models.
ALTER TABLE media_items ADD COLUMN mean_red real;
ALTER TABLE media_items ADD COLUMN mean_green real;
ALTER TABLE media_items ADD COLUMN mean_blue real;
