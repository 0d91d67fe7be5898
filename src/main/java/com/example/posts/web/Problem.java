package com.example.posts.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error the application answers.
 * {@code request_id} is filled in on the way out by {@link RequestIdFilter}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String requestId,
                      Map<String, String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(int status, String detail) {
        return new Problem("about:blank", titleOf(status), status, detail, null, null);
    }

    public Problem withErrors(Map<String, String> fieldErrors) {
        return new Problem(type, title, status, detail, requestId, Map.copyOf(fieldErrors));
    }

    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, id, errors);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA).entity(this);
    }

    /** The body as the application's JSON mapper writes it, for answers made outside JAX-RS (servlet filters). */
    public byte[] toJson() {
        try {
            return JsonMapperProvider.createMapper().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Problem always serialises", e);
        }
    }

    /** RFC 9110's names where JAX-RS still has older ones; nginx's own error bodies use the same. */
    private static String titleOf(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> {
                Response.StatusType known = Response.Status.fromStatusCode(status);
                yield known != null ? known.getReasonPhrase() : "HTTP " + status;
            }
        };
    }
}
