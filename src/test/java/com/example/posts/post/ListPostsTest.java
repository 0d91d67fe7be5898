package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ContractTest
class ListPostsTest extends ApiTestCase {

    private void createPosts(int count) {
        for (int i = 0; i < count; i++) {
            Response created = authorized("posts")
                    .post(json("{\"content\":\"post " + i + "\",\"author_email\":\"a@example.com\"}"));
            assertEquals(201, created.getStatus());
        }
    }

    private static List<Integer> ids(JsonNode page) {
        List<Integer> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asInt()));
        return ids;
    }

    @Test
    void listsNewestFirstWithNoNextPageWhenAllFit() {
        Response response = target("posts").request().get();

        assertEquals(200, response.getStatus());
        JsonNode page = body(response);
        assertEquals(List.of(2, 1), ids(page));
        assertEquals("Second", page.get("items").get(0).get("content").asText());
        assertTrue(page.get("next").isNull());
    }

    @Test
    void defaultsToTwentyAndLinksTheNextPage() {
        createPosts(23); // ids 3..25

        JsonNode page = body(target("posts").request().get());

        assertEquals(20, page.get("items").size());
        assertEquals(25, ids(page).get(0));
        assertEquals(6, ids(page).get(19));
        assertEquals("/posts?limit=20&before=6", page.get("next").asText());
    }

    @Test
    void followingNextVisitsEveryPostOnceNewestFirst() {
        createPosts(5); // ids 3..7
        List<Integer> seen = new ArrayList<>();
        String next = "/posts?limit=3";
        int pages = 0;
        while (next != null) {
            JsonNode page = body(get(next));
            seen.addAll(ids(page));
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        }
        assertEquals(List.of(7, 6, 5, 4, 3, 2, 1), seen);
        assertEquals(3, pages);
    }

    @Test
    void exactlyFullLastPageHasNoNext() {
        JsonNode page = body(target("posts").queryParam("limit", 2).request().get());

        assertEquals(List.of(2, 1), ids(page));
        assertTrue(page.get("next").isNull());
    }

    @Test
    void beforeStartsBelowThatId() {
        JsonNode page = body(target("posts").queryParam("before", 2).request().get());

        assertEquals(List.of(1), ids(page));
    }

    @ParameterizedTest
    @CsvSource({"limit,0", "limit,101", "limit,abc", "limit,-1", "limit,1.5", "limit,''",
            "before,0", "before,abc", "before,-5", "before,2147483648"})
    void rejectsBadPagingParameters(String name, String value) {
        Response response = target("posts").queryParam(name, value).request().get();

        assertEquals(400, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertTrue(body(response).get("errors").has(name));
    }
}
