/**
 * 64-bit, time-sortable, shard-carrying IDs. {@link dev.shutter.ids.IdGenerator} issues them,
 * and {@link dev.shutter.ids.Snowflake} defines the layout and reads the fields back.
 */
package dev.shutter.ids;
