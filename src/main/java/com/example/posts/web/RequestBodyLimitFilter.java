package com.example.posts.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over the limit with 413: at once when Content-Length says so, and while reading
 * when a chunked body grows past it. Runs after authentication, and only on the methods whose body a
 * resource reads: asking a GET whether it has a body would read from its stream on every read.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 100)
public final class RequestBodyLimitFilter implements ContainerRequestFilter {
    public static final int MAX_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!carriesBody(request.getMethod())) {
            return;
        }
        if (request.getLength() > MAX_BYTES) {
            throw tooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream()));
        }
    }

    private static boolean carriesBody(String method) {
        return switch (method) {
            case HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH -> true;
            default -> false;
        };
    }

    private static ProblemException tooLarge() {
        return new ProblemException(413, "The body is larger than " + MAX_BYTES + " bytes");
    }

    private static final class LimitedInputStream extends FilterInputStream {
        private long remaining = MAX_BYTES;

        LimitedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                consumed(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                consumed(n);
            }
            return n;
        }

        private void consumed(int n) {
            remaining -= n;
            if (remaining < 0) {
                throw tooLarge();
            }
        }
    }
}
