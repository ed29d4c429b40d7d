package dev.launchguard.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Typed, checked access to the fields of one JSON object of an input file. Every failure names the
 * place ({@code file:line}), the key path and what was found; unknown fields are never looked at, so
 * newer writers can add fields.
 */
final class JsonFields {

    private final String where;
    private final String path;
    private final JsonNode node;

    /**
     * @param where {@code file:line} of the object
     * @param path its key path ({@code event}, {@code benchmarks[2].primaryMetric})
     */
    JsonFields(String where, String path, JsonNode node) {
        this.where = where;
        this.path = path;
        this.node = node;
        if (!node.isObject()) {
            throw fail("", "expected a JSON object, got " + describe(node));
        }
    }

    /** The object at {@code field}, itself checked the same way. */
    JsonFields object(String field) {
        return new JsonFields(where, path + "." + field, required(field));
    }

    /** The object at {@code field}, or empty when it is null (never when it is missing). */
    Optional<JsonFields> nullableObject(String field) {
        JsonNode value = present(field);
        return value.isNull() ? Optional.empty() : Optional.of(new JsonFields(where, path + "." + field, value));
    }

    String text(String field) {
        return typed(field, JsonNode::isTextual, "a string").textValue();
    }

    Optional<String> nullableText(String field) {
        return present(field).isNull() ? Optional.empty() : Optional.of(text(field));
    }

    long integer(String field) {
        return typed(field, JsonFields::isLong, "an integer").longValue();
    }

    int smallInteger(String field) {
        long value = integer(field);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw fail(field, value + " is out of range; allowed: 0 to " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    OptionalLong nullableInteger(String field) {
        return present(field).isNull() ? OptionalLong.empty() : OptionalLong.of(integer(field));
    }

    double number(String field) {
        return typed(field, JsonNode::isNumber, "a number").doubleValue();
    }

    /** A duration in milliseconds: a number, zero or more. */
    double millis(String field) {
        double value = number(field);
        if (value < 0) {
            throw fail(field, value + " is negative; a duration is 0 or more");
        }
        return value;
    }

    OptionalDouble nullableMillis(String field) {
        return present(field).isNull() ? OptionalDouble.empty() : OptionalDouble.of(millis(field));
    }

    boolean bool(String field) {
        return typed(field, JsonNode::isBoolean, "true or false").booleanValue();
    }

    Instant instant(String field) {
        String value = text(field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw fail(field, "\"" + value + "\" is not an ISO-8601 UTC time such as 2026-11-22T06:00:00Z");
        }
    }

    /** The elements of the array at {@code field}. */
    List<JsonNode> array(String field) {
        List<JsonNode> elements = new ArrayList<>();
        typed(field, JsonNode::isArray, "an array").forEach(elements::add);
        return elements;
    }

    List<String> texts(String field) {
        return elements(field, JsonNode::isTextual, "a string").stream().map(JsonNode::textValue).toList();
    }

    List<Long> integers(String field) {
        return elements(field, JsonFields::isLong, "an integer").stream().map(JsonNode::longValue).toList();
    }

    /** The elements of the array at {@code field}, each checked to be {@code expected}. */
    private List<JsonNode> elements(String field, Predicate<JsonNode> is, String expected) {
        List<JsonNode> elements = array(field);
        for (int i = 0; i < elements.size(); i++) {
            if (!is.test(elements.get(i))) {
                throw fail(field + "[" + i + "]", "expected " + expected + ", got " + describe(elements.get(i)));
            }
        }
        return elements;
    }

    /** The objects of the array at {@code field}, each checked as a {@code JsonFields}. */
    List<JsonFields> objects(String field) {
        List<JsonNode> elements = array(field);
        List<JsonFields> objects = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            objects.add(new JsonFields(where, path + "." + field + "[" + i + "]", elements.get(i)));
        }
        return objects;
    }

    boolean has(String field) {
        return node.has(field);
    }

    JsonNode node() {
        return node;
    }

    /** A failure at {@code field} of this object ("" for the object itself). */
    ReportException fail(String field, String problem) {
        String key = field.isEmpty() ? path : path + "." + field;
        return new ReportException(where + ": " + key + ": " + problem);
    }

    /** The value at {@code field}, which must be present, not null, and pass {@code is}. */
    private JsonNode typed(String field, Predicate<JsonNode> is, String expected) {
        JsonNode value = required(field);
        if (!is.test(value)) {
            throw fail(field, "expected " + expected + ", got " + describe(value));
        }
        return value;
    }

    private static boolean isLong(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToLong();
    }

    private JsonNode required(String field) {
        JsonNode value = present(field);
        if (value.isNull()) {
            throw fail(field, "is null; a value is required");
        }
        return value;
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw fail(field, "missing; the field is required");
        }
        return value;
    }

    /**
     * The error for text that does not parse, without Jackson's source description: "(start marker at
     * [Source: ...; line: 2, column: 5])" becomes "(opened on line 2)".
     */
    static ReportException notJson(String where, JsonProcessingException e) {
        String why = e.getOriginalMessage()
                .replaceAll("\\s*\\(start marker at \\[Source: .*?; line: (\\d+), column: \\d+\\]\\)",
                        " (opened on line $1)")
                .replaceAll("\\s*\\[Source: .*?\\]", "");
        return new ReportException(where + ": not JSON: " + why.lines().findFirst().orElse(why), e);
    }

    static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
