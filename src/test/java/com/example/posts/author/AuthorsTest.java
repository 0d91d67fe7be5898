package com.example.posts.author;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** The admin's account API: create, list, read and disable authors. */
@ContractTest
class AuthorsTest extends ApiTestCase {

    @Test
    void anAdminCreatesAnAuthorAndFindsItByItsEmail() {
        Response created = authorized("authors").post(json(
                "{\"email\":\"Ann@Example.com\",\"display_name\":\" Ann \",\"role\":\"author\"}"));

        assertEquals(201, created.getStatus());
        JsonNode author = body(created);
        assertEquals("Ann@Example.com", author.get("email").asText());
        assertEquals("Ann", author.get("display_name").asText());
        assertEquals("author", author.get("role").asText());
        assertTrue(author.get("disabled_time").isNull());
        assertTrue(created.getLocation().getPath().endsWith("/authors/" + author.get("id").asInt()));

        JsonNode found = body(target("authors").queryParam("email", "ann@example.COM").request().header("Authorization", "Bearer " + TOKEN).get());
        assertEquals(1, found.get("items").size());
        assertEquals(author.get("id"), found.get("items").get(0).get("id"));
    }

    @Test
    void anEmailTakenInAnotherCaseOrNormalFormIsAConflict() {
        createAuthor("jos\u00e9@example.com", "Jos\u00e9", "author");

        Response again = authorized("authors").post(json(
                "{\"email\":\"JOSE\u0301@example.com\",\"display_name\":\"Other\"}"));
        Response withoutAccent = authorized("authors").post(json(
                "{\"email\":\"jose@example.com\",\"display_name\":\"Jose\"}"));

        assertEquals(409, again.getStatus());
        assertEquals(201, withoutAccent.getStatus(), "an accent makes another address");
    }

    @Test
    void aBadAuthorNamesEveryBadField() {
        Response response = authorized("authors").post(json(
                "{\"email\":\"nope\",\"display_name\":\"\",\"role\":\"owner\",\"id\":3}"));

        assertEquals(400, response.getStatus());
        JsonNode errors = body(response).get("errors");
        for (String field : new String[] {"email", "display_name", "role", "id"}) {
            assertTrue(errors.has(field), errors.toString());
        }
    }

    @Test
    void theListPagesInIdOrder() {
        for (int i = 0; i < 3; i++) {
            createAuthor("writer" + i + "@example.com", "Writer " + i, "author");
        }

        JsonNode first = body(target("authors").queryParam("limit", "2").request().header("Authorization", "Bearer " + TOKEN).get());
        JsonNode second = body(client().target(target().getUri().resolve(first.get("next").asText())).request()
                .header("Authorization", "Bearer " + TOKEN).get());

        assertEquals(2, first.get("items").size());
        assertEquals(1, second.get("items").size());
        assertTrue(second.get("next").isNull());
        assertTrue(first.get("items").get(1).get("id").asInt() < second.get("items").get(0).get("id").asInt());
    }

    @Test
    void onlyAnAdminManagesAccountsAndAnAuthorReadsOnlyTheirOwn() {
        int ann = createAuthor("ann@example.com", "Ann", "author");
        int bob = createAuthor("bob@example.com", "Bob", "author");
        String annToken = issueToken(ann, "laptop");

        assertEquals(403, as(annToken, "authors").get().getStatus());
        assertEquals(403, as(annToken, "authors").post(json(
                "{\"email\":\"eve@example.com\",\"display_name\":\"Eve\"}")).getStatus());
        assertEquals(403, as(annToken, "authors/" + bob + "/disable").post(Entity.json("")).getStatus());
        assertEquals(403, as(annToken, "authors/" + bob).get().getStatus());
        assertEquals(200, as(annToken, "authors/" + ann).get().getStatus());
        assertEquals(404, authorized("authors/999999").get().getStatus());
    }

    @Test
    void accountReadsNeedAToken() {
        int ann = createAuthor("ann@example.com", "Ann", "author");

        for (String path : new String[] {"me", "authors", "authors/" + ann, "authors/" + ann + "/tokens"}) {
            Response response = target(path).request().get();
            assertEquals(401, response.getStatus(), path);
            assertEquals("application/problem+json", response.getMediaType().toString(), path);
            assertEquals("Bearer realm=\"posts\"", response.getHeaderString("WWW-Authenticate"),
                    path + ": refused by the filter, before any resource");
        }
        // Other spellings of the same paths: the app refuses them as above; nginx, in front, answers 404.
        for (String path : new String[] {"/me;x=1", "//authors"}) {
            Response response = target(path).request().get();
            assertTrue(response.getStatus() == 401 || response.getStatus() == 404, path + ": " + response.getStatus());
            assertEquals("application/problem+json", response.getMediaType().toString(), path);
            if (response.getStatus() == 401) {
                assertEquals("Bearer realm=\"posts\"", response.getHeaderString("WWW-Authenticate"), path);
            }
        }
    }

    @Test
    void theLastEnabledAdminCannotBeDisabled() {
        int admin = createAuthor("root@example.com", "Root", "admin");
        int second = createAuthor("ops@example.com", "Ops", "admin");

        assertEquals(200, authorized("authors/" + second + "/disable").post(Entity.json("")).getStatus());
        Response last = authorized("authors/" + admin + "/disable").post(Entity.json(""));

        assertEquals(409, last.getStatus());
        JsonNode again = body(authorized("authors/" + second + "/disable").post(Entity.json("")));
        assertTrue(again.get("disabled_time").isTextual(), "disabling again keeps the first time");
        assertTrue(body(authorized("authors/" + admin).get()).get("disabled_time").isNull());
    }
}
