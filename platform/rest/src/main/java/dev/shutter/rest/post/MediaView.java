package dev.shutter.rest.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * One media item of a post. An image has {@code variants} (thumb, medium, hq, plus any JPEG
 * fallbacks the worker made) and a blurhash; a video has {@code hls}, {@code poster} and
 * {@code durationMs}. Items not processed yet (seen only by the author) have just an ID and a
 * status.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaView(
        @JsonSerialize(using = ToStringSerializer.class) long mediaId,
        String type,
        String status,
        Map<String, String> variants,
        Integer width,
        Integer height,
        String blurhash,
        String hls,
        String poster,
        Long durationMs) {}
