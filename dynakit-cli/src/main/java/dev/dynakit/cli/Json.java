package dev.dynakit.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * JSON in and out of the command line. Numbers are read exactly ({@code BigDecimal}, never {@code
 * double}); output is one line with object keys sorted, so the same result always prints the same.
 */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private static final java.util.regex.Pattern SOURCE =
      java.util.regex.Pattern.compile("\\[Source: .*?; (line: \\d+, column: \\d+)\\]");

  private Json() {}

  /**
   * The JSON object an {@code --args} value stands for: the text itself, {@code @FILE} for a file's
   * content, or {@code -} for standard input.
   *
   * @throws UsageException naming the option, and the line and column of a syntax error
   */
  static Map<String, Object> readArgs(String option, String value, CliContext context) {
    String text;
    String source;
    if (value.equals("-")) {
      text = readAll(context.in(), option);
      source = option + " - (standard input)";
    } else if (value.startsWith("@")) {
      Path file = context.resolve(value.substring(1));
      source = option + " " + value;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UsageException(option + ": file not found: " + value.substring(1), e);
      } catch (IOException e) {
        throw new UsageException(option + ": cannot read " + value.substring(1) + ": " + e, e);
      }
    } else {
      text = value;
      source = option;
    }
    return readObject(source, text);
  }

  /** Parses {@code text} as a JSON object; {@code source} names where it came from in errors. */
  static Map<String, Object> readObject(String source, String text) {
    if (text.isBlank()) {
      throw new UsageException(
          source + ": empty; expected a JSON object such as {\"table\": \"T\"}");
    }
    Object parsed;
    try {
      parsed = MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new UsageException(
          source
              + ": not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + firstLine(e.getOriginalMessage()),
          e);
    }
    if (!(parsed instanceof Map)) {
      throw new UsageException(source + ": expected a JSON object {...}, got " + kind(parsed));
    }
    return MAPPER.convertValue(parsed, new TypeReference<Map<String, Object>>() {});
  }

  /** Parses one JSON value (used for {@code name:json=VALUE} shorthands). */
  static Object readValue(String source, String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new UsageException(
          source
              + ": not valid JSON"
              + (at == null ? "" : " at column " + at.getColumnNr())
              + ": "
              + firstLine(e.getOriginalMessage()),
          e);
    }
  }

  /** One line of JSON, object keys sorted. */
  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a result as JSON", e);
    }
  }

  private static String readAll(InputStream in, String option) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException(option + ": cannot read standard input: " + e, e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    // Jackson names a start marker's place with a source it cannot show; the place is enough.
    return SOURCE.matcher(line).replaceAll("$1").strip();
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof java.util.List) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }
}
