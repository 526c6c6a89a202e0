package dev.shutter.rest.problem;

import dev.shutter.problem.FieldError;
import dev.shutter.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The problem body's classes, serialised by Jackson in a native image too. */
@RegisterForReflection(targets = {Problem.class, FieldError.class})
final class ProblemTypes {

    private ProblemTypes() {}
}
