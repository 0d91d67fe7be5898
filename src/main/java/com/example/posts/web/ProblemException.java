package com.example.posts.web;

import jakarta.ws.rs.WebApplicationException;
import java.util.Map;

/** Thrown to answer a client error; mapped to its problem+json response as is. */
public final class ProblemException extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    public ProblemException(Problem problem) {
        super(problem.detail(), problem.toResponse().build());
    }

    public ProblemException(int status, String detail) {
        this(Problem.of(status, detail));
    }

    public static ProblemException invalid(String detail, Map<String, String> fieldErrors) {
        return new ProblemException(Problem.of(400, detail).withErrors(fieldErrors));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, detail);
    }
}
