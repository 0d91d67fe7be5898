package com.example.posts.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request body that is not the JSON we expect is the client's error: 400, with what was wrong and where,
 * in words of the JSON, never of our Java types.
 */
@Provider
public final class JsonInputExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonInputExceptionMapper.class);

    @Override
    public Response toResponse(JsonProcessingException exception) {
        // Jackson wraps what the body stream threw while it read, such as the 413 of the size limit.
        Optional<ProblemException> problem = Causes.find(exception, ProblemException.class);
        if (problem.isPresent()) {
            return problem.get().getResponse();
        }
        if (exception instanceof InvalidDefinitionException) {
            LOG.error("JSON mapping is misconfigured", exception);
            return Problem.of(500, "The server could not process JSON").toResponse().build();
        }
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return invalid(Map.of(pathOf(mapping), "has the wrong type or shape"));
        }
        String where = location(exception.getLocation());
        String what = exception instanceof StreamReadException ? exception.getOriginalMessage() : "unexpected content";
        return Problem.of(400, "Malformed JSON" + where + ": " + firstLine(what)).toResponse().build();
    }

    private static Response invalid(Map<String, String> errors) {
        return Problem.of(400, "The body has invalid fields").withErrors(errors).toResponse().build();
    }

    private static String pathOf(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(JsonInputExceptionMapper::segment)
                .collect(Collectors.joining("."));
    }

    private static String segment(JsonMappingException.Reference reference) {
        return reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]";
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unexpected content";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
