package com.example.posts.support;

import com.example.posts.replica.ConsistencyTokenFilter;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test client's memory of its last write, as a browser keeps the cookie: the consistency token of the last
 * response that had one goes with every later request.
 */
public final class ConsistencyTokenCarrier implements ClientRequestFilter, ClientResponseFilter {
    private final AtomicReference<String> last = new AtomicReference<>();

    @Override
    public void filter(ClientRequestContext request) {
        String token = last.get();
        if (token != null && !request.getHeaders().containsKey(ConsistencyTokenFilter.HEADER)) {
            request.getHeaders().putSingle(ConsistencyTokenFilter.HEADER, token);
        }
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        String token = response.getHeaderString(ConsistencyTokenFilter.HEADER);
        if (token != null) {
            last.set(token);
        }
    }
}
