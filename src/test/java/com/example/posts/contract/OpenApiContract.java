package com.example.posts.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The OpenAPI document as a checker of responses: the status must be declared for the operation, each
 * required header present and matching its schema, the media type declared, and a JSON body valid against
 * its schema (JSON Schema 2020-12, which OpenAPI 3.1 uses). A path the document does not know, or a method
 * it does not declare, must answer a problem (404, 405) like every other error.
 */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Map<String, OpenApiContract> BY_DOCUMENT = new ConcurrentHashMap<>();

    private final JsonNode document;
    private final JsonNode definitions;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        this.definitions = rewriteRefs(document.path("components").path("schemas"));
    }

    /** The contract for a document's JSON text; parsed once per distinct text. */
    public static OpenApiContract of(String documentJson) {
        return BY_DOCUMENT.computeIfAbsent(documentJson, text -> {
            try {
                return new OpenApiContract(JSON.readTree(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** What is wrong with a response; empty when it matches the document. */
    public List<String> check(String method, String path, int status, Function<String, Optional<String>> header,
                              String body) {
        List<String> violations = new ArrayList<>();
        String what = method + " " + path + " -> " + status + ": ";
        Optional<String> template = template(path);
        JsonNode operation = template.map(t -> document.path("paths").path(t)
                .path(method.equals("HEAD") ? "get" : method.toLowerCase())).orElse(null);
        // Writes, and reads of accounts, are authenticated before they are routed.
        boolean authenticatedFirst = !READS.contains(method) || path.matches("/*(me|authors)([/;].*)?");
        if (operation == null || operation.isMissingNode()) {
            int expected = template.isEmpty() ? 404 : 405;
            // A bug is a 500 anywhere.
            if (status != expected && status != 500 && !(authenticatedFirst && (status == 401 || status == 403))) {
                violations.add(what + "not in the document, so it must answer " + expected);
            }
            checkBody(what, resolve(document.at(status == 401
                    ? "/components/responses/Unauthorized" : "/components/responses/Problem")), header, body, violations);
            return violations;
        }
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        if (response.isMissingNode() && status == 500) {
            response = document.at("/components/responses/InternalServerError");
        }
        if (response.isMissingNode()) {
            violations.add(what + "status not declared for " + method + " " + template.get());
            return violations;
        }
        response = resolve(response);
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> declared = it.next();
            JsonNode spec = resolve(declared.getValue());
            Optional<String> value = header.apply(declared.getKey());
            if (value.isEmpty()) {
                if (spec.path("required").asBoolean(false)) {
                    violations.add(what + "required header " + declared.getKey() + " is missing");
                }
            } else {
                validate(what + "header " + declared.getKey(), spec.path("schema"),
                        JSON.getNodeFactory().textNode(value.get()), violations);
            }
        }
        if (!method.equals("HEAD")) {
            checkBody(what, response, header, body, violations);
        }
        return violations;
    }

    private void checkBody(String what, JsonNode response, Function<String, Optional<String>> header, String body,
                           List<String> violations) {
        JsonNode content = response.path("content");
        if (body == null || body.isEmpty()) {
            if (!content.isMissingNode() && !content.isEmpty()) {
                violations.add(what + "a body is declared, none was sent");
            }
            return;
        }
        String type = header.apply("Content-Type").map(t -> t.split(";")[0].trim().toLowerCase()).orElse("");
        JsonNode media = content.path(type);
        if (media.isMissingNode()) {
            violations.add(what + "media type '" + type + "' not declared (declared: " + names(content) + ")");
            return;
        }
        if (type.endsWith("json")) {
            try {
                validate(what + "body", media.path("schema"), JSON.readTree(body), violations);
            } catch (IOException e) {
                violations.add(what + "the body is not JSON: " + e.getMessage());
            }
        }
    }

    private void validate(String what, JsonNode schema, JsonNode value, List<String> violations) {
        JsonSchema compiledSchema = compiled.computeIfAbsent(schema.toString(), key -> {
            ObjectNode root = (ObjectNode) rewriteRefs(schema).deepCopy();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("$defs", definitions);
            return SCHEMAS.getSchema(root);
        });
        Set<ValidationMessage> messages = compiledSchema.validate(value);
        for (ValidationMessage message : messages) {
            violations.add(what + " " + message.getMessage() + " in " + abbreviate(value.toString()));
        }
    }

    /** The path template that matches a concrete path; literal segments win over parameters. */
    private Optional<String> template(String path) {
        String[] segments = path.split("/", -1);
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            String[] parts = candidate.split("/", -1);
            if (parts.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                if (parts[i].startsWith("{") && parts[i].endsWith("}")) {
                    matches = !segments[i].isEmpty();
                } else {
                    matches = parts[i].equals(segments[i]);
                    literals++;
                }
            }
            if (matches && literals > bestLiterals) {
                best = candidate;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Follows local $refs (responses, headers) to what they name. */
    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = document.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    private static JsonNode rewriteRefs(JsonNode schema) {
        try {
            return JSON.readTree(schema.toString().replace("\"#/components/schemas/", "\"#/$defs/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
