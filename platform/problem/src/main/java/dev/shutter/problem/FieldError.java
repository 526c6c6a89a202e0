package dev.shutter.problem;

/** One invalid field of a request, named as in the request body. */
public record FieldError(String field, String message) {}
