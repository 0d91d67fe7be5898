package com.example.posts.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;

/** Thrown to answer a client error; mapped to its problem+json response as is. */
public final class ProblemException extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    public ProblemException(Problem problem) {
        super(problem.detail(), problem.toResponse().build());
    }

    private ProblemException(Problem problem, int retryAfterSeconds) {
        super(problem.detail(), problem.toResponse().header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build());
    }

    public ProblemException(int status, String detail) {
        this(Problem.of(status, detail));
    }

    public static ProblemException invalid(String detail, Map<String, String> fieldErrors) {
        return new ProblemException(Problem.of(400, detail).withErrors(fieldErrors));
    }

    /** An answer the same request may get right after {@code seconds}: 409 for work still in progress. */
    public static ProblemException retryLater(int status, String detail, int seconds) {
        return new ProblemException(Problem.of(status, detail), seconds);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, detail);
    }
}
