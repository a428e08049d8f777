package dev.switchboard.executor.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * What a file's bytes mean to a step, both ways (ADR 014). A file server has no content types, so the
 * extension decides: {@code .json} is parsed, {@code .csv} becomes an array of objects (one per row,
 * keyed by the header row, values as strings), text types are a string, anything else is base64.
 * A put writes a string as it is (or decoded from base64), an array of objects to a {@code .csv}
 * path as CSV with a header row, and any other JSON value as JSON.
 */
final class FileContent {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("json", "application/json"), Map.entry("csv", "text/csv"),
            Map.entry("txt", "text/plain"), Map.entry("log", "text/plain"), Map.entry("md", "text/markdown"),
            Map.entry("tsv", "text/tab-separated-values"), Map.entry("xml", "application/xml"),
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"), Map.entry("ini", "text/plain"), Map.entry("conf", "text/plain"),
            Map.entry("properties", "text/plain"), Map.entry("sql", "application/sql"),
            Map.entry("sh", "text/x-shellscript"), Map.entry("edi", "text/plain"),
            Map.entry("ndjson", "application/x-ndjson"), Map.entry("jsonl", "application/x-ndjson"));
    private static final String BINARY = "application/octet-stream";

    private final JsonMapper json;
    private final CsvMapper csv = CsvMapper.builder().enable(CsvReadFeature.SKIP_EMPTY_LINES).build();

    FileContent(JsonMapper json) {
        this.json = json;
    }

    static String contentType(RemotePath path) {
        String name = path.name();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? BINARY : TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), BINARY);
    }

    /**
     * A get's result: {@code {path, contentType, format, size, data}}, {@code format} saying what
     * {@code data} is ({@code json}, {@code csv}, {@code text} or {@code base64}).
     *
     * @param encoding base64: the bytes as base64; utf8: the file as text, unparsed; null: by extension
     * @throws FileCallException {@code CONTENT_UNPARSEABLE} for a {@code .json} or {@code .csv} file
     *     that is not, or text that is not UTF-8 when utf8 was asked for
     */
    ObjectNode fromFile(RemotePath path, byte[] bytes, Encoding encoding) {
        String type = contentType(path);
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("path", path.visible()).put("contentType", type);
        boolean text = encoding == Encoding.UTF8 || encoding == null && !type.equals(BINARY);
        String decoded = encoding == Encoding.BASE64 || !text ? null : utf8(bytes);
        if (decoded == null && encoding == Encoding.UTF8) {
            throw new FileCallException("CONTENT_UNPARSEABLE", path.visible() + " is not UTF-8 text; get it with"
                    + " encoding: base64", false);
        }
        if (decoded == null) {
            // a text-named file that is not UTF-8 comes back intact rather than garbled
            return result.put("format", "base64").put("size", bytes.length)
                    .put("data", Base64.getEncoder().encodeToString(bytes));
        }
        decoded = decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded;
        result.put("size", bytes.length);
        switch (encoding == Encoding.UTF8 ? "text/plain" : type) {
            case "application/json" -> result.put("format", "json").set("data", parseJson(path, decoded));
            case "text/csv" -> result.put("format", "csv").set("data", parseCsv(path, decoded));
            default -> result.put("format", "text").put("data", decoded);
        }
        return result;
    }

    /**
     * A put's bytes.
     *
     * @throws FileCallException {@code INVALID_REQUEST} naming {@code field}
     */
    byte[] forFile(RemotePath path, JsonNode content, Encoding encoding, String field) {
        if (content.isString()) {
            if (encoding != Encoding.BASE64) {
                return content.asString().getBytes(StandardCharsets.UTF_8);
            }
            try {
                // whitespace (line breaks of wrapped base64) is allowed, any other stray character is not
                return Base64.getDecoder().decode(content.asString().replaceAll("\\s+", ""));
            } catch (IllegalArgumentException e) {
                throw FileCallException.invalid(field + " is not valid base64: " + e.getMessage());
            }
        }
        if (encoding == Encoding.BASE64) {
            throw FileCallException.invalid(field + " must be a string for encoding base64");
        }
        if (content.isArray() && contentType(path).equals("text/csv")) {
            return csvBytes((ArrayNode) content, field);
        }
        return json.writeValueAsBytes(content);
    }

    private JsonNode parseJson(RemotePath path, String text) {
        if (text.isBlank()) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw new FileCallException("CONTENT_UNPARSEABLE", path.visible() + " is not valid JSON: "
                    + e.getOriginalMessage() + " (get it with encoding: utf8 for the text)", false);
        }
    }

    private ArrayNode parseCsv(RemotePath path, String text) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        if (text.isBlank()) {
            return rows;
        }
        try (var values = csv.readerFor(JsonNode.class).with(CsvSchema.emptySchema().withHeader())
                .<JsonNode>readValues(text)) {
            while (values.hasNextValue()) {
                rows.add(values.nextValue());
            }
        } catch (JacksonException e) {
            throw new FileCallException("CONTENT_UNPARSEABLE", path.visible() + " is not CSV with a header row: "
                    + e.getOriginalMessage() + " (get it with encoding: utf8 for the text)", false);
        }
        return rows;
    }

    /** Columns in the order they first appear; a cell must be a scalar. */
    private byte[] csvBytes(ArrayNode rows, String field) {
        Set<String> columns = new LinkedHashSet<>();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (!row.isObject()) {
                throw FileCallException.invalid(field + "[" + i + "] must be an object (a CSV row) for a .csv path");
            }
            Map<String, Object> record = new java.util.LinkedHashMap<>();
            for (var cell : row.properties()) {
                JsonNode value = cell.getValue();
                if (value.isContainer()) {
                    throw FileCallException.invalid(field + "[" + i + "]." + cell.getKey()
                            + " must be a string, number, boolean or null: a CSV cell holds one value");
                }
                columns.add(cell.getKey());
                record.put(cell.getKey(), value.isNull() ? null : value.asString());
            }
            records.add(record);
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        return csv.writer(schema.build()).writeValueAsBytes(records);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
