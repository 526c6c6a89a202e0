package dev.shutter.post.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** `POST /v1/accounts` body. */
public record SignUp(
        @NotNull(message = "is required")
        @Pattern(regexp = "^[a-z0-9._]{1,30}$", message = "must be 1 to 30 of a-z, 0-9, '.' and '_'")
        String username,
        @NotNull(message = "is required") @Email(message = "must be an email address") @Size(max = 320, message = "must be at most 320 characters")
        String email,
        @NotNull(message = "is required") @Size(min = 10, max = 256, message = "must be 10 to 256 characters")
        String password,
        @Size(max = 4_000, message = "is far too long")
        String displayName) {}
