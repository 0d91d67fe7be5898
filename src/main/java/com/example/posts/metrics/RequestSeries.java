package com.example.posts.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.http.Outcome;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * One series of {@code http_server_requests_seconds}: the tags that jersey-micrometer's
 * DefaultJerseyTagsProvider gave a request, worked out the same way, so dashboards and alerts see no change.
 * The outcome follows from the status, so it is not part of the key.
 */
record RequestSeries(String uri, String method, int status, String exception) {
    private static final String NONE = "None";

    /**
     * Jersey's listener timed a request once it was routed to a resource method, or when routing failed
     * with a client error (404, 405, 406, 415); a request that a pre-matching filter refused was never timed.
     */
    static boolean isTimed(ExtendedUriInfo uriInfo) {
        Throwable mapped = uriInfo.getMappedThrowable();
        // Direct subclasses only (NotFoundException, NotAllowedException, ...): the listener compared the superclass.
        return uriInfo.getMatchedResourceMethod() != null
                || mapped != null && mapped.getClass().getSuperclass() == ClientErrorException.class;
    }

    static RequestSeries of(String method, ExtendedUriInfo uriInfo, int status) {
        return new RequestSeries(uri(uriInfo, status), method, status, exception(uriInfo.getMappedThrowable(), status));
    }

    Tags tags() {
        return Tags.of("uri", uri, "method", method, "status", Integer.toString(status),
                "outcome", Outcome.forStatus(status).name(), "exception", exception);
    }

    /** The route template, base path first, each "//" made "/" and a trailing "/" dropped; or what stands in for it. */
    private static String uri(ExtendedUriInfo uriInfo, int status) {
        boolean routed = uriInfo.getMatchedResourceMethod() != null;
        if (!routed && isRedirection(status)) {
            return "REDIRECTION";
        }
        if (!routed && status == 404) {
            return "NOT_FOUND";
        }
        List<UriTemplate> templates = uriInfo.getMatchedTemplates();
        if (templates.isEmpty()) {
            return "UNKNOWN";
        }
        StringBuilder path = new StringBuilder(uriInfo.getBaseUri().getPath());
        // Jersey lists the matched templates innermost first.
        for (int i = templates.size() - 1; i >= 0; i--) {
            path.append(templates.get(i).getTemplate());
        }
        String pattern = withSingleSlashes(path);
        if (pattern.equals("/")) {
            return "root";
        }
        return pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
    }

    private static String withSingleSlashes(CharSequence path) {
        StringBuilder single = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || single.isEmpty() || single.charAt(single.length() - 1) != '/') {
                single.append(c);
            }
        }
        return single.toString();
    }

    /**
     * Jersey's listener named the exception it was handed, or that exception's cause when it had one. Jersey
     * hands a WebApplicationException over as thrown, anything else wrapped in its own MappableException
     * (whose cause is what our mappers see): so the cause counts for the former only.
     */
    private static String exception(Throwable mapped, int status) {
        if (mapped == null || status == 404 || isRedirection(status)) {
            return NONE;
        }
        Throwable named = mapped instanceof WebApplicationException && mapped.getCause() != null
                ? mapped.getCause() : mapped;
        String simpleName = named.getClass().getSimpleName();
        return simpleName.isEmpty() ? named.getClass().getName() : simpleName;
    }

    private static boolean isRedirection(int status) {
        return status >= 300 && status < 400;
    }
}
