package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.ResetDatabase;
import com.example.posts.support.TestToken;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Through nginx, as a browser asks (Accept-Encoding: gzip): the ETags of posts stay strong, so reading a
 * post and then writing it with If-Match works for posts of any size; the list is still compressed.
 */
@ResetDatabase
class NginxCompressionIT {
    private static final String GZIP = "gzip, deflate, br";
    private static final String LONG_POST = "{\"content\":\"" + "x".repeat(3000) + "\",\"author_email\":\"a@b.co\"}";
    private final FrontDoorClient client = new FrontDoorClient();
    private final URI front = TestedStack.current().orElseThrow().baseUri();

    private HttpResponse<String> write(String method, String path, String... headers) throws Exception {
        String[] all = new String[headers.length + 6];
        System.arraycopy(new String[] {"Authorization", "Bearer " + TestToken.VALUE,
                "Content-Type", "application/json", "Accept-Encoding", GZIP}, 0, all, 0, 6);
        System.arraycopy(headers, 0, all, 6, headers.length);
        return client.send(front, method, path, LONG_POST, all);
    }

    private static String etag(HttpResponse<?> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    @Test
    void aLongPostReadWithGzipCanBeReplacedWithItsEtag() throws Exception {
        String id = location(write("POST", "posts"));
        HttpResponse<String> read = client.send(front, "GET", "posts/" + id, null, "Accept-Encoding", GZIP);
        assertEquals(200, read.statusCode());
        assertFalse(etag(read).startsWith("W/"), etag(read));

        HttpResponse<String> replaced = write("PUT", "posts/" + id, "If-Match", etag(read));

        assertEquals(200, replaced.statusCode(), replaced.body());
        assertFalse(etag(replaced).startsWith("W/"), etag(replaced));
    }

    @Test
    void theEtagOfACreatedLongPostIsStrongAndAcceptedByIfMatch() throws Exception {
        HttpResponse<String> created = write("POST", "posts");
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(etag(created).startsWith("W/"), etag(created));

        HttpResponse<String> deleted = client.send(front, "DELETE", "posts/" + location(created), null,
                "Authorization", "Bearer " + TestToken.VALUE, "If-Match", etag(created));

        assertEquals(204, deleted.statusCode(), deleted.body());
    }

    @Test
    void headOfALongPostHasTheSameEtagAndNoBody() throws Exception {
        String id = location(write("POST", "posts"));
        String etag = etag(client.send(front, "GET", "posts/" + id, null, "Accept-Encoding", GZIP));

        HttpResponse<String> head = client.send(front, "HEAD", "posts/" + id, null, "Accept-Encoding", GZIP);

        assertEquals(200, head.statusCode());
        assertEquals(etag, etag(head));
        assertTrue(head.body().isEmpty());
    }

    @Test
    void ifMatchAnyReplacesAnExistingPostAndFindsNoMissingOne() throws Exception {
        assertEquals(200, write("PUT", "posts/1", "If-Match", "*").statusCode());
        assertEquals(404, write("PUT", "posts/999", "If-Match", "*").statusCode());
    }

    @Test
    void theListIsStillCompressed() throws Exception {
        for (int i = 0; i < 3; i++) {
            write("POST", "posts");
        }

        HttpResponse<String> list = client.send(front, "GET", "posts", null, "Accept-Encoding", GZIP);

        assertEquals(200, list.statusCode());
        assertEquals("gzip", list.headers().firstValue("Content-Encoding").orElse(null));
    }

    private static String location(HttpResponse<?> created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
