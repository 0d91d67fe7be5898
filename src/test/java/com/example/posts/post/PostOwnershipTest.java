package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An author writes as themselves and changes only their own posts; an admin changes any. */
@ContractTest
class PostOwnershipTest extends ApiTestCase {
    private String ann;
    private String bob;
    private String admin;

    @BeforeEach
    void authors() {
        ann = issueToken(createAuthor("ann@example.com", "Ann", "author"), "laptop");
        bob = issueToken(createAuthor("bob@example.com", "Bob", "author"), "laptop");
        admin = issueToken(createAuthor("root@example.com", "Root", "admin"), "laptop");
    }

    private static String post(String content, String email) {
        return "{\"content\":\"" + content + "\",\"author_email\":\"" + email + "\"}";
    }

    private int created(String token, String email) {
        Response response = as(token, "posts").post(json(post("mine", email)));
        assertEquals(201, response.getStatus());
        return body(response).get("id").asInt();
    }

    @Test
    void anAuthorWritesReplacesAndDeletesTheirOwnPosts() {
        int id = created(ann, "ANN@example.com");

        assertEquals(200, as(ann, "posts/" + id).put(json(post("edited", "ann@example.com"))).getStatus());
        assertEquals(204, as(ann, "posts/" + id).delete().getStatus());
    }

    @Test
    void anAuthorCannotChangeAnotherAuthorsPost() {
        int id = created(bob, "bob@example.com");

        Response replace = as(ann, "posts/" + id).put(json(post("taken", "ann@example.com")));
        Response delete = as(ann, "posts/" + id).delete();

        assertEquals(403, replace.getStatus());
        assertEquals(403, delete.getStatus());
        assertEquals("mine", body(get("posts/" + id)).get("content").asText(), "nothing changed");
    }

    @Test
    void anAuthorCannotWriteAsAnotherAuthor() {
        Response response = as(ann, "posts").post(json(post("forged", "bob@example.com")));

        assertEquals(403, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertTrue(body(response).get("errors").has("author_email"));
        assertEquals(0, body(get("posts")).get("items").findValues("content").stream()
                .filter(content -> content.asText().equals("forged")).count());
    }

    @Test
    void anAuthorKeepsTheirOwnEmailOnAReplace() {
        int id = created(ann, "ann@example.com");

        Response response = as(ann, "posts/" + id).put(json(post("handed over", "bob@example.com")));

        assertEquals(403, response.getStatus());
        assertTrue(body(response).get("errors").has("author_email"));
    }

    @Test
    void theOwnerCheckComesBeforeTheEtagCheck() {
        int id = created(bob, "bob@example.com");

        Response response = as(ann, "posts/" + id).header("If-Match", "\"99\"").delete();

        assertEquals(403, response.getStatus(), "a stranger learns nothing of the post's version");
    }

    @Test
    void anAdminChangesAnyPostAndReassignsIt() {
        int id = created(bob, "bob@example.com");

        Response replaced = as(admin, "posts/" + id).put(json(post("moved", "ann@example.com")));
        assertEquals(200, replaced.getStatus());
        JsonNode post = body(replaced);
        assertEquals("ann@example.com", post.get("author_email").asText());
        assertEquals(200, as(ann, "posts/" + id).put(json(post("now mine", "ann@example.com"))).getStatus());
        assertEquals(204, as(admin, "posts/" + id).delete().getStatus());
    }

    @Test
    void postsWrittenBeforeAuthorsBelongToTheAuthorWithTheirEmail() {
        // The fixtures' posts were written with the service token, before any author existed.
        String email = body(get("posts/1")).get("author_email").asText();
        String owner = issueToken(createAuthor(email.toUpperCase(java.util.Locale.ROOT), "Owner", "author"), "t");

        assertEquals(204, as(owner, "posts/1").delete().getStatus());
        assertEquals(403, as(ann, "posts/2").delete().getStatus());
    }
}
