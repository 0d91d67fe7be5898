package com.example.posts.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestToken;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.jersey.internal.inject.Providers;
import org.glassfish.jersey.model.internal.RankedComparator;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.junit.jupiter.api.Test;

/**
 * With any application event listener, Jersey builds an event object for every stage of every request; the
 * application registers none, directly or through a feature.
 */
class NoApplicationEventListenerTest {

    @Test
    void theRunningApplicationHasNoApplicationEventListener() {
        ApplicationHandler handler = new ApplicationHandler(new PostsApplication(
                ApplicationSettings.servingFrom(TestDatabase.shared().database(), ApiToken.of(TestToken.VALUE))));
        try {
            // What Jersey itself looks up at start-up to decide whether to build the events.
            List<ApplicationEventListener> listeners = new ArrayList<>();
            Providers.getAllProviders(handler.getInjectionManager(), ApplicationEventListener.class,
                    new RankedComparator<>()).forEach(listeners::add);

            assertEquals(List.of(), listeners);
        } finally {
            handler.onShutdown(null);
        }
    }
}
