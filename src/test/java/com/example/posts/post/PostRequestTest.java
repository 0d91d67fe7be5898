package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import com.example.posts.web.JsonInputExceptionMapper;
import com.example.posts.web.JsonMapperProvider;
import com.example.posts.web.Problem;
import com.example.posts.web.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A write's body as the application reads it (its ObjectMapper, then {@link PostRequest#validate()}):
 * every rule, without HTTP. WriteValidationTest keeps a few of these cases over HTTP.
 */
@IndependentOfTestDatabase
class PostRequestTest {
    private static final ObjectMapper MAPPER = JsonMapperProvider.createMapper();
    private static final String TOO_LONG_EMAIL = "a".repeat(89) + "@example.com"; // 101 characters

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{\"author_email\":\"a@b.co\"}", List.of("content")),
                Arguments.of("{\"content\":null,\"author_email\":\"a@b.co\"}", List.of("content")),
                Arguments.of("{\"content\":\"  \\n\\t \",\"author_email\":\"a@b.co\"}", List.of("content")),
                Arguments.of("{\"content\":\"" + "한".repeat(21_846) + "\",\"author_email\":\"a@b.co\"}",
                        List.of("content")),
                Arguments.of("{\"content\":\"\\ud800 lone surrogate\",\"author_email\":\"a@b.co\"}",
                        List.of("content")),
                Arguments.of("{\"content\":\"x\"}", List.of("author_email")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"not-an-email\"}", List.of("author_email")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a b@c.de\"}", List.of("author_email")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a@localhost\"}", List.of("author_email")),
                // Control, format (text direction, zero width) and separator characters, which \s does not cover.
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a\\u0000b@c.de\"}", List.of("author_email")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a\\u2028b@c.de\"}", List.of("author_email")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a\\u202eb@c.de\"}", List.of("author_email")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a\\u200bb@c.de\"}", List.of("author_email")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a\\u00a0b@c.de\"}", List.of("author_email")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a@c.de\\u200d\"}", List.of("author_email")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"" + TOO_LONG_EMAIL + "\"}",
                        List.of("author_email")),
                Arguments.of("{}", List.of("content", "author_email")),
                Arguments.of("{\"content\":\"\",\"author_email\":\"\",\"id\":7}", List.of("content", "author_email", "id")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a@b.co\",\"id\":1}", List.of("id")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a@b.co\",\"created_time\":\"2020-01-01T00:00:00Z\"}",
                        List.of("created_time")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a@b.co\",\"colour\":\"red\"}", List.of("colour")),
                Arguments.of("{\"content\":5,\"author_email\":\"a@b.co\"}", List.of("content")),
                Arguments.of("{\"content\":[\"x\"],\"author_email\":\"a@b.co\"}", List.of("content")),
                Arguments.of("{\"content\":\"x\",\"author_email\":true}", List.of("author_email")));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void rejectsInvalidFieldsOneEntryEach(String body, List<String> fields) {
        Problem problem = problemOf(body);

        assertEquals(400, problem.status());
        assertEquals(fields.size(), problem.errors().size(), problem.errors().toString());
        for (String field : fields) {
            assertTrue(problem.errors().containsKey(field), field + " missing from " + problem.errors());
        }
    }

    @Test
    void readOnlyAndUnknownFieldsAreToldApart() {
        Map<String, String> errors = problemOf("{\"content\":\"x\",\"author_email\":\"a@b.co\",\"id\":2,\"colour\":1}")
                .errors();

        assertEquals(Map.of("id", "is read-only", "colour", "is not a known field"), errors);
    }

    @Test
    void contentMayFillATextColumnToTheLastByte() throws Exception {
        String content = "한".repeat(21_845); // 65,535 bytes in UTF-8

        PostRequest request = read("{\"content\":\"" + content + "\",\"author_email\":\"" + "a".repeat(88)
                + "@example.com\"}").validate();

        assertEquals(content, request.content());
    }

    private static PostRequest read(String body) throws JsonProcessingException {
        return MAPPER.readValue(body, PostRequest.class);
    }

    /** What the application answers for {@code body}: its validation's problem, or its JSON mapper's. */
    private static Problem problemOf(String body) {
        Response response;
        try {
            read(body).validate();
            throw new AssertionError("accepted: " + body);
        } catch (ProblemException e) {
            response = e.getResponse();
        } catch (JsonProcessingException e) {
            response = new JsonInputExceptionMapper().toResponse(e);
        }
        return (Problem) response.getEntity();
    }
}
