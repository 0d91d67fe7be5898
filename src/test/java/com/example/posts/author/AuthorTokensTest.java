package com.example.posts.author;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** An author's tokens: issued once, listed without secrets, refused once revoked, expired or disabled. */
@ContractTest
class AuthorTokensTest extends ApiTestCase {
    private static final String POST = "{\"content\":\"hello\",\"author_email\":\"ann@example.com\"}";

    @Test
    void meSaysWhoATokenBelongsTo() {
        int ann = createAuthor("ann@example.com", "Ann", "author");
        String token = issueToken(ann, "laptop");

        JsonNode me = body(as(token, "me").get());
        JsonNode service = body(authorized("me").get());

        assertEquals("author", me.get("role").asText());
        assertEquals(ann, me.get("author").get("id").asInt());
        assertEquals("laptop", me.get("token").get("label").asText());
        assertEquals(token.substring(4, 16), me.get("token").get("id").asText());
        assertFalse(me.get("token").has("token"), "no secret but in the creation answer");
        assertEquals("admin", service.get("role").asText());
        assertTrue(service.get("author").isNull());
    }

    @Test
    void theSecretIsShownOnceAndNeverListed() {
        int ann = createAuthor("ann@example.com", "Ann", "author");
        Response created = authorized("authors/" + ann + "/tokens").post(json("{\"label\":\"ci\",\"expires_in_seconds\":3600}"));
        JsonNode issued = body(created);
        String secret = issued.get("token").asText().substring(17, 60);

        assertEquals(201, created.getStatus());
        assertTrue(created.getHeaderString(HttpHeaders.CACHE_CONTROL).contains("no-store"));
        assertTrue(issued.get("expires_time").isTextual());
        String listed = authorized("authors/" + ann + "/tokens").get().readEntity(String.class);
        String one = authorized("authors/" + ann + "/tokens/" + issued.get("id").asText()).get().readEntity(String.class);
        assertTrue(listed.contains(issued.get("id").asText()), listed);
        assertFalse(listed.contains(secret) || one.contains(secret), listed + one);
    }

    @Test
    void anAuthorManagesTheirOwnTokensOnly() {
        int ann = createAuthor("ann@example.com", "Ann", "author");
        int bob = createAuthor("bob@example.com", "Bob", "author");
        String annToken = issueToken(ann, "laptop");

        Response own = as(annToken, "authors/" + ann + "/tokens").post(json("{\"label\":\"phone\"}"));
        assertEquals(201, own.getStatus());
        assertEquals(403, as(annToken, "authors/" + bob + "/tokens").get().getStatus());
        assertEquals(403, as(annToken, "authors/" + bob + "/tokens").post(json("{\"label\":\"x\"}")).getStatus());
        assertEquals(2, body(as(annToken, "authors/" + ann + "/tokens").get()).get("items").size());
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        int ann = createAuthor("ann@example.com", "Ann", "author");
        String token = issueToken(ann, "laptop");
        assertEquals(201, as(token, "posts").post(json(POST)).getStatus());

        assertEquals(204, as(token, "authors/" + ann + "/tokens/" + token.substring(4, 16)).delete().getStatus());

        Response refused = as(token, "posts").post(json(POST));
        assertEquals(401, refused.getStatus());
        assertEquals("The bearer token has been revoked", body(refused).get("detail").asText());
        assertEquals(204, authorized("authors/" + ann + "/tokens/" + token.substring(4, 16)).delete().getStatus(),
                "revoking again changes nothing");
        assertEquals(404, authorized("authors/" + ann + "/tokens/AAAAAAAAAAAA").delete().getStatus());
    }

    @Test
    void theTokenOfADisabledAuthorIsRefused() {
        int ann = createAuthor("ann@example.com", "Ann", "author");
        String token = issueToken(ann, "laptop");

        assertEquals(200, authorized("authors/" + ann + "/disable").post(Entity.json("")).getStatus());

        Response refused = as(token, "me").get();
        assertEquals(401, refused.getStatus());
        assertEquals("The bearer token's author is disabled", body(refused).get("detail").asText());
        assertEquals(409, authorized("authors/" + ann + "/tokens").post(json("{\"label\":\"new\"}")).getStatus());
    }

    @Test
    void malformedAndUnknownTokensAreRefusedApart() {
        int ann = createAuthor("ann@example.com", "Ann", "author");
        String token = issueToken(ann, "laptop");
        String typo = token.substring(0, 30) + (token.charAt(30) == 'a' ? 'b' : 'a') + token.substring(31);

        Response malformed = as(typo, "posts").post(json(POST));
        assertEquals(401, malformed.getStatus());
        assertTrue(body(malformed).get("detail").asText().contains("copied whole"));
        Response unknown = as(AuthorTokenFormat.text(new AuthorTokenFormat.Presented(token.substring(4, 16),
                "A".repeat(43))), "posts").post(json(POST));
        assertEquals(401, unknown.getStatus());
        assertEquals("The bearer token is not valid", body(unknown).get("detail").asText());
    }

    @Test
    void anExpiredTokenIsRefused() throws InterruptedException {
        int ann = createAuthor("ann@example.com", "Ann", "author");
        String token = body(authorized("authors/" + ann + "/tokens").post(json(
                "{\"label\":\"brief\",\"expires_in_seconds\":1}"))).get("token").asText();

        // Stored to the second: expired within two seconds of its creation; polled, not slept.
        long deadline = System.nanoTime() + 5_000_000_000L;
        Response response = as(token, "me").get();
        while (response.getStatus() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = as(token, "me").get();
        }

        assertEquals(401, response.getStatus());
        assertEquals("The bearer token has expired", body(response).get("detail").asText());
    }

    @Test
    void aTokenRequestNamesEveryBadField() {
        int ann = createAuthor("ann@example.com", "Ann", "author");

        Response response = authorized("authors/" + ann + "/tokens").post(json(
                "{\"label\":\"a\\nb\",\"expires_in_seconds\":0,\"scope\":\"all\"}"));

        assertEquals(400, response.getStatus());
        JsonNode errors = body(response).get("errors");
        assertTrue(errors.has("label") && errors.has("expires_in_seconds") && errors.has("scope"), errors.toString());
    }
}
