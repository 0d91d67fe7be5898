package com.example.posts.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the HTTP errors that JAX-RS raises (unknown path, wrong method or media type, …) into problem+json,
 * keeping the headers that belong to them. Our own {@link ProblemException}s pass through unchanged.
 */
@Provider
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);
    private static final List<String> KEPT_HEADERS =
            List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER);

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.getEntity() instanceof Problem) {
            return original;
        }
        int status = original.getStatus();
        if (status >= 500) {
            LOG.error("Request failed with {}", status, exception);
        }
        Response.ResponseBuilder response = Problem.of(status, detail(exception, original)).toResponse();
        for (String header : KEPT_HEADERS) {
            String value = original.getHeaderString(header);
            if (value != null) {
                response.header(header, value);
            }
        }
        return response.build();
    }

    private static String detail(WebApplicationException exception, Response original) {
        return switch (original.getStatus()) {
            case 400 -> exception.getCause() instanceof NoContentException
                    ? "A JSON body is required" : "The request is malformed";
            case 404 -> "There is nothing at this path";
            case 405 -> "This method is not allowed here; allowed: " + original.getHeaderString(HttpHeaders.ALLOW);
            case 406 -> "This resource can only answer application/json";
            case 415 -> "The body must be sent as Content-Type: application/json";
            default -> status(original) + (original.getStatus() >= 500 ? ": the server could not answer" : "");
        };
    }

    private static String status(Response response) {
        return response.getStatus() + " " + response.getStatusInfo().getReasonPhrase();
    }
}
